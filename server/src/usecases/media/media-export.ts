import type { User } from '@kusanya/schemas';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { mayReadRecordMedia } from '../../domain/media-access.js';
import type { LocationTree } from '../../domain/scope.js';
import type { BlobStore } from '../../repositories/blob-store.js';
import type { MediaRepository } from '../../repositories/media.js';
import type { SubmissionsRepository } from '../../repositories/submissions.js';
import { csvLine } from '../exports/cells.js';

export interface MediaExportDeps {
  media: MediaRepository;
  submissions: SubmissionsRepository;
  blobs: BlobStore;
  locations: () => LocationTree;
}

export interface MediaExport {
  stream: Readable;
  /** Counted once the ZIP is written. */
  done: Promise<{ records: number; files: number; bytes: number }>;
}

/**
 * The media of the records a user reads, as one ZIP streamed as it is written (Kobo's layout: one folder per
 * record, `<form>/<record id>/<file name>`), with `media.csv` listing each file's record, question, size and
 * SHA-256. Photos are stored, not recompressed (JPEG does not shrink); files are read one at a time.
 */
export function mediaZip(deps: MediaExportDeps, user: User, filter: { formId: string | null }): MediaExport {
  const zip = new ZipFile();
  const tree = deps.locations();
  const lines = [csvLine(['record_id', 'form', 'question', 'file', 'path', 'bytes', 'sha256'])];
  const readable = new Map<string, boolean>();
  const mayRead = (id: string): boolean => {
    let known = readable.get(id);
    if (known === undefined) {
      known = mayReadRecordMedia(tree, user, deps.submissions.access(id));
      readable.set(id, known);
    }
    return known;
  };
  const records = new Set<string>();
  let files = 0;
  let bytes = 0;
  for (const row of deps.media.receivedMedia(filter.formId)) {
    if (!mayRead(row.submissionId)) continue;
    const path = `${row.formId}/${row.submissionId}/${row.name}`;
    zip.addFile(deps.blobs.pathOf(row.sha256), path, { compress: false });
    lines.push(csvLine([row.submissionId, row.formId, row.field, row.name, path, row.size, row.sha256]));
    records.add(row.submissionId);
    files += 1;
    bytes += row.size;
  }
  zip.addBuffer(Buffer.from(lines.join(''), 'utf8'), 'media.csv');
  const done = new Promise<{ records: number; files: number; bytes: number }>((resolve, reject) => {
    zip.outputStream.on('end', () => resolve({ records: records.size, files, bytes }));
    zip.outputStream.on('error', reject);
  });
  zip.end();
  return { stream: Readable.from(zip.outputStream as AsyncIterable<Buffer>), done };
}

import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '../../errors.js';
import type { BlobFacts, BlobStore } from '../../repositories/blob-store.js';

/**
 * Kobo's media download (the "attachments" ZIP of a project) lays files out as its `_attachments[].filename`:
 * `<user>/attachments/<formhub uuid>/<instance uuid>/<file name>` (kobocat's media storage path). A file is
 * matched to a record by its last two segments: the record version's instance uuid and the file's base name.
 */
export const attachmentKey = (instance: string, basename: string) =>
  `${instance.replace(/^uuid:/i, '').toLowerCase()}/${basename}`;

/** The key of a Kobo `_attachments[].filename` (or of a ZIP entry's path), or null when it has no folder. */
export function keyOfPath(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  if (parts.length < 2) return null;
  return attachmentKey(parts[parts.length - 2]!, parts[parts.length - 1]!);
}

/** A file of the ZIP the records asked for, stored in the blob store. */
export interface ZipMedium extends BlobFacts {
  path: string;
}

export interface MediaZipResult {
  /** By attachment key: the files the records name, stored by hash. */
  found: Map<string, ZipMedium>;
  /** Files in the ZIP that no record names (not stored). */
  extra: string[];
  /** Entries refused: unsafe paths, too large, twice under one key (not stored). */
  refused: { path: string; reason: string }[];
  files: number;
  bytes: number;
}

/** An entry name that could escape a folder if it were ever used as a path (it never is: files are stored by hash). */
function unsafeName(name: string): string | null {
  if (yauzl.validateFileName(name) !== null) return yauzl.validateFileName(name);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control characters in the path';
  if (/^[a-zA-Z]:/.test(name)) return 'a drive letter in the path';
  return null;
}

const openZip = (file: string) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(
      file,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    ),
  );

const readStream = (zip: ZipFile, entry: Entry) =>
  new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))),
  );

/**
 * Reads a Kobo media ZIP entry by entry (bounded memory: one entry streams at a time, through a hash, to a temporary
 * file beside the blob store) and stores the files the records name (`wanted` keys) in the blob store. An entry's
 * name never reaches the file system: names are only compared with the records' attachment names, and a hostile
 * one (absolute, `..`, backslashes, control characters) is refused and reported.
 */
export async function readKoboMediaZip(
  file: string,
  wanted: ReadonlySet<string>,
  deps: { blobs: BlobStore; fileBytes: number },
): Promise<MediaZipResult> {
  const result: MediaZipResult = { found: new Map(), extra: [], refused: [], files: 0, bytes: 0 };
  const staging = join(deps.blobs.root, '..', 'incoming-kobo');
  await mkdir(staging, { recursive: true });
  const zip = await openZip(file).catch((error: NodeJS.ErrnoException) => {
    throw new AppError(
      'bad-request',
      error.code === 'ENOENT'
        ? `Cannot read ${file}: no such file.`
        : `${file} is not a readable ZIP (${error.message}): no media were imported.`,
    );
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const next = () => zip.readEntry();
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: Entry) => {
        const raw = entry.fileName as unknown as Buffer;
        const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
        if (name.endsWith('/')) return next();
        const unsafe = unsafeName(name);
        if (unsafe) {
          result.refused.push({ path: name, reason: `unsafe path: ${unsafe}` });
          return next();
        }
        const key = keyOfPath(name);
        if (!key || !wanted.has(key)) {
          result.extra.push(name);
          return next();
        }
        if (result.found.has(key)) {
          result.refused.push({ path: name, reason: 'a second file for the same record and name' });
          return next();
        }
        if (entry.uncompressedSize > deps.fileBytes) {
          result.refused.push({
            path: name,
            reason: `${entry.uncompressedSize} bytes, more than the ${deps.fileBytes} one file may have`,
          });
          return next();
        }
        storeEntry(zip, entry, join(staging, randomUUID()), deps.blobs)
          .then((facts) => {
            const medium = { ...facts, path: name };
            result.found.set(key, medium);
            result.files += 1;
            result.bytes += facts.size;
            next();
          })
          .catch(reject);
      });
      next();
    });
  } finally {
    zip.close();
    await rm(staging, { recursive: true, force: true });
  }
  return result;
}

/** One entry: streamed through SHA-256 into a temporary file, then moved into the blob store by its hash. */
async function storeEntry(zip: ZipFile, entry: Entry, tmp: string, blobs: BlobStore): Promise<BlobFacts> {
  const hash = createHash('sha256');
  let size = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(await readStream(zip, entry), hashing, createWriteStream(tmp));
    return await blobs.ingest(tmp, { sha256: hash.digest('hex'), size });
  } finally {
    await rm(tmp, { force: true });
  }
}

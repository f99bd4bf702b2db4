import type { MediaRef } from '@kusanya/schemas';
import { isMediaRef } from '@kusanya/schemas/validators';
import type { FoundMediaRef } from '@kusanya/shared/media/refs';
import { AppError } from '../../errors.js';
import type { MediaService } from '../media/media-service.js';
import type { MediaResolver } from './mapping.js';
import { attachmentKey, keyOfPath, readKoboMediaZip, type MediaZipResult } from './media-zip.js';
import { koboRecords } from './results-stream.js';

/**
 * The media side of a Kobo import (issue 16 with issue 15's store): which files a record's `_attachments` name,
 * how its media answers find them among those Kobo's media ZIP brought, and the ZIP's import itself.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A Kobo uuid (`uuid:…` or bare), lower-case, or null when it is not one. */
export const bareUuid = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const id = value
    .replace(/^uuid:/i, '')
    .trim()
    .toLowerCase();
  return UUID.test(id) ? id : null;
};

/** Where a Kobo media ZIP's files go: issue 15's media store. */
export type KoboMediaStore = Pick<MediaService, 'blobs' | 'recordImported' | 'limits' | 'linkRecord'>;

/** What a Kobo media ZIP brought: files stored by hash, and what was missing, extra or refused. */
export interface KoboMediaReport {
  zip: string;
  /** Files of the ZIP the records name, stored in the media store (by SHA-256). */
  stored: number;
  bytes: number;
  /** Files a record references through a Kusanya question (the record holds their name, type, size, SHA-256). */
  referenced: number;
  /** Named in the JSON (`_attachments` or a media answer), not in the ZIP: the answer is kept as Kobo's text. */
  missing: { index: number; uuid: string; file: string }[];
  /** In the ZIP, named by no record: not stored. */
  extra: string[];
  /** Entries not stored: unsafe paths (never written anywhere), too large, twice the same file. */
  refused: { path: string; reason: string }[];
  /**
   * Stored and referenced by the record, though no Kusanya question takes them (their Kobo question is not in the
   * Kusanya form): listed in the record's media and in its `_attachments`, the answer served back as Kobo's text.
   */
  keptAside: { index: number; uuid: string; file: string; question: string }[];
  seconds: number;
}

interface KoboAttachment {
  key: string;
  mimetype: string | null;
  xpath: string;
}

/** A record's `_attachments` by file base name: where Kobo stored each (its attachment key) and its type. */
function attachmentsOf(record: Record<string, unknown>): Map<string, KoboAttachment> {
  const out = new Map<string, KoboAttachment>();
  const uuid = bareUuid(record['_uuid']) ?? '';
  const list = record['_attachments'];
  if (!Array.isArray(list)) return out;
  for (const entry of list as { filename?: unknown; mimetype?: unknown; question_xpath?: unknown }[]) {
    if (!entry || typeof entry.filename !== 'string') continue;
    const base = entry.filename.slice(entry.filename.lastIndexOf('/') + 1);
    if (!base) continue;
    const mimetype = typeof entry.mimetype === 'string' ? entry.mimetype.toLowerCase() : null;
    const xpath = typeof entry.question_xpath === 'string' && entry.question_xpath ? entry.question_xpath : base;
    out.set(base, { key: keyOfPath(entry.filename) ?? attachmentKey(uuid, base), mimetype, xpath });
  }
  return out;
}

/** How a record's media answers (Kobo: file base names) find their files among those the ZIP brought. */
export function mediaOfRecord(record: Record<string, unknown>, zip: MediaZipResult | null) {
  const attachments = attachmentsOf(record);
  const uuid = bareUuid(record['_uuid']) ?? '';
  const used = new Set<string>();
  /** The reference the record holds for a file of the ZIP (the schema decides what a valid one is). */
  const refOf = (name: string): MediaRef | null => {
    const listed = attachments.get(name);
    const found = zip?.found.get(listed?.key ?? attachmentKey(uuid, name));
    if (!found) return null;
    for (const type of [listed?.mimetype ?? found.sniffed, found.sniffed]) {
      const ref: unknown = { name, type, size: found.size, sha256: found.sha256 };
      if (isMediaRef(ref)) return ref;
    }
    return null;
  };
  const resolve: MediaResolver = (name) => {
    const ref = refOf(name);
    if (ref) used.add(name);
    return ref;
  };
  /**
   * After mapping: the listed files not in the ZIP, and those in it that no Kusanya question took (kept with the
   * record under their Kobo question, so the record still references them).
   */
  const outcome = () => {
    const missing: string[] = [];
    const kept: FoundMediaRef[] = [];
    for (const [name, { xpath }] of attachments) {
      const ref = used.has(name) ? null : refOf(name);
      if (ref) kept.push({ field: xpath, ref });
      else if (!used.has(name)) missing.push(name);
    }
    return { missing, kept };
  };
  return { resolve, outcome };
}

/**
 * Brings in Kobo's media ZIP before any record is checked: the files the records' `_attachments` name are stored in
 * the media store by hash (so the records can reference them); the rest of the ZIP is reported, never stored.
 */
export async function importMedia(
  media: KoboMediaStore | undefined,
  file: string,
  zipFile: string,
): Promise<{ zip: MediaZipResult; report: KoboMediaReport }> {
  if (!media) throw new AppError('bad-request', 'This server has no media store: media cannot be imported.');
  const started = Date.now();
  const wanted = new Set<string>();
  for await (const record of koboRecords(file)) for (const { key } of attachmentsOf(record).values()) wanted.add(key);
  const zip = await readKoboMediaZip(zipFile, wanted, {
    blobs: media.blobs,
    fileBytes: media.limits.fileBytes,
  });
  // A file in the store without its row is harmless (content-addressed: the next run finds it and records it).
  media.recordImported([...zip.found.values()], new Date());
  const report: KoboMediaReport = {
    zip: zipFile,
    stored: zip.files,
    bytes: zip.bytes,
    referenced: 0,
    missing: [],
    extra: zip.extra,
    refused: zip.refused,
    keptAside: [],
    seconds: (Date.now() - started) / 1000,
  };
  return { zip, report };
}

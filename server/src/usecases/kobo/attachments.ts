import type { MediaFileState } from '@kusanya/schemas';
import { servedType } from '@kusanya/shared/media/types';
import { createHash } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * An attachment's identity in Kobo's API: `uid` (`att` and 22 letters or digits, as kpi writes them) and `id` (an
 * integer, as kobocat's had it), both derived from the record and the file's name, so they stay the same on every
 * pull and for every reader.
 */
export function attachmentIdentity(submissionId: string, name: string): { uid: string; id: number } {
  const digest = createHash('sha256').update(`kusanya-attachment\0${submissionId}\0${name}`).digest();
  let uid = 'att';
  for (let i = 0; i < 22; i += 1) uid += BASE62[digest[i]! % 62];
  // 48 bits: a safe integer, never 0.
  const id = digest.readUIntBE(22, 6) || 1;
  return { uid, id };
}

/** Where the record came from and how it is served, for its `_attachments`. */
export interface AttachmentContext {
  /** Absolute base of the API (`https://host`). */
  base: string;
  assetUid: string;
  /** The record's `_id`. */
  number: number;
  submissionId: string;
  /** The version's instance uuid (`_uuid`) and its form's `formhub/uuid`: Kobo's storage path is made of them. */
  instance: string;
  formhub: string;
  /** Who sent it (Kobo's first path segment: the owner's username). */
  user: string | null;
  /** Kobo's own `_attachments` of an imported record (their file names and question paths are kept). */
  original: unknown;
}

interface KoboOriginal {
  filename?: unknown;
  question_xpath?: unknown;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Kusanya's place of a medium (`members[1].photo`) as Kobo writes a question path (`members[1]/photo`). */
const xpathOf = (field: string) => field.replace(/\./g, '/');

/**
 * A record's received media as Kobo's `_attachments` (kpi's attachment serializer: `uid`, `id`, `filename`,
 * `media_file_basename`, `mimetype`, `question_xpath`, `is_deleted`, `download_url` and its small/medium/large
 * sizes; kobocat's `instance`), the download URLs served by Kusanya to the same token.
 */
export function koboAttachments(files: readonly MediaFileState[], ctx: AttachmentContext): Record<string, unknown>[] {
  const originals = new Map<string, KoboOriginal>();
  if (Array.isArray(ctx.original))
    for (const entry of ctx.original as KoboOriginal[])
      if (entry && typeof entry.filename === 'string') originals.set(baseName(entry.filename), entry);
  return files
    .filter((f) => f.received)
    .map((file) => {
      const { uid, id } = attachmentIdentity(ctx.submissionId, file.name);
      const original = originals.get(file.name);
      const url = `${ctx.base}/api/v2/assets/${ctx.assetUid}/data/${ctx.number}/attachments/${uid}/`;
      return {
        uid,
        id,
        instance: ctx.number,
        filename:
          typeof original?.filename === 'string'
            ? original.filename
            : `${ctx.user ?? 'kusanya'}/attachments/${ctx.formhub}/${ctx.instance}/${file.name}`,
        media_file_basename: file.name,
        mimetype: servedType(file.servedAs ?? file.type, file.type),
        question_xpath: typeof original?.question_xpath === 'string' ? original.question_xpath : xpathOf(file.field),
        is_deleted: false,
        download_url: url,
        download_large_url: `${url}large/`,
        download_medium_url: `${url}medium/`,
        download_small_url: `${url}small/`,
      };
    });
}

/** The received medium of a record an attachment id (its `uid` or numeric `id`) names, or null. */
export function attachmentNamed(
  files: readonly MediaFileState[],
  submissionId: string,
  attachment: string,
): MediaFileState | null {
  return (
    files.find((f) => {
      const { uid, id } = attachmentIdentity(submissionId, f.name);
      return attachment === uid || attachment === String(id);
    }) ?? null
  );
}

import type { DeviceMedia, MediaRef } from '@kusanya/schemas';
import { mediaRefsOf } from '@kusanya/shared/media/refs';
import type { KusanyaDatabase } from '../db/database.js';

/** The attachment holding a medium's bytes. */
const BYTES = 'bytes';

export const mediaIdOf = (submissionId: string, name: string) => `${submissionId}/${name}`;

/** SHA-256 of a file, in hex (what the server checks the bytes against). */
export async function sha256Of(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'audio/mpeg': 'mp3',
  'video/webm': 'webm',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
};

/**
 * A file name for a captured medium: the question's name, a short unique part, and the extension of its type
 * (`id_front-0193f6c2a1.jpg`); a picked file keeps its own name, cleaned of anything a path could be made of.
 */
export function mediaName(field: string, type: string, picked?: string): string {
  const unique = crypto.randomUUID().replace(/-/g, '').slice(0, 10);
  if (picked) {
    const base = picked
      .split(/[\\/]/)
      .pop()!
      .replace(/[\p{C}"\\/]/gu, '')
      .replace(/^\.+/, '')
      .slice(-120);
    if (base) return `${unique}-${base}`;
  }
  const stem = (field.split('.').pop() ?? field).replace(/\[\d+\]/g, '').replace(/[^A-Za-z0-9_-]/g, '_') || 'file';
  return `${stem}-${unique}.${EXTENSIONS[type.split(';')[0]!] ?? 'bin'}`;
}

/**
 * Keeps a captured medium on the tablet beside its record (encrypted at rest) and returns the reference the
 * record's answer holds. Nothing leaves the tablet here: the uploader sends it once the record is on the server.
 */
export async function keepMedia(
  db: KusanyaDatabase,
  input: { submissionId: string; field: string; blob: Blob; name?: string },
): Promise<MediaRef> {
  const type = (input.blob.type || 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
  const name = input.name ?? mediaName(input.field, type);
  const ref: MediaRef = { name, type, size: input.blob.size, sha256: await sha256Of(input.blob) };
  const doc = await db.media.upsert({
    id: mediaIdOf(input.submissionId, name),
    submissionId: input.submissionId,
    field: input.field,
    ...ref,
    createdAt: Date.now(),
    state: 'local',
  });
  await doc.putAttachment({ id: BYTES, data: input.blob, type });
  return ref;
}

/** The bytes of a medium kept on the tablet, or null when it is not (another device captured it). */
export async function mediaBytes(db: KusanyaDatabase, submissionId: string, name: string): Promise<Blob | null> {
  const doc = await db.media.findOne(mediaIdOf(submissionId, name)).exec();
  const attachment = doc?.getAttachment(BYTES);
  return attachment ? attachment.getData() : null;
}

/**
 * Forgets a medium the person removed or retook, unless a finalised version of its record still references it
 * (then it stays until the server has it: nothing is deleted before the server acknowledged it).
 */
export async function discardMedia(db: KusanyaDatabase, submissionId: string, ref: MediaRef): Promise<void> {
  const doc = await db.media.findOne(mediaIdOf(submissionId, ref.name)).exec();
  if (!doc) return;
  const record = await db.submissions.findOne(submissionId).exec();
  const stillReferenced = record ? mediaRefsOf(record.toJSON().data).some((r) => r.ref.name === ref.name) : false;
  if (stillReferenced && doc.state !== 'sent') return;
  if (!stillReferenced) await doc.remove();
}

/** Media the server has not acknowledged yet, oldest first. */
export async function unsentMedia(db: KusanyaDatabase): Promise<DeviceMedia[]> {
  const docs = await db.media.find({ selector: { state: 'local' } }).exec();
  return docs.map((d) => d.toJSON() as DeviceMedia).sort((a, b) => a.createdAt - b.createdAt);
}

export async function markSent(db: KusanyaDatabase, id: string): Promise<void> {
  const doc = await db.media.findOne(id).exec();
  if (doc && doc.state !== 'sent') await doc.incrementalPatch({ state: 'sent' });
}

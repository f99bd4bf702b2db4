import type { DeviceExport, DeviceMedia, MediaRef, Submission } from '@kusanya/schemas';
import { mediaRefsOf } from '@kusanya/shared/media/refs';
import type { RecordCipher } from '../crypto/record-cipher.js';
import type { KusanyaDatabase } from '../db/database.js';

/** The attachment holding a medium's bytes. */
const BYTES = 'bytes';

export const mediaIdOf = (submissionId: string, name: string) => `${submissionId}/${name}`;

/** SHA-256 of a file, in hex (what the server checks the bytes against). */
export async function sha256Of(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
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
 * Photos, signatures, recordings and files kept on the tablet beside their record: one document per medium
 * (its reference and whether the server acknowledged it), its bytes an attachment sealed with the user's database
 * key (AES-GCM, bound to the medium's id, as the records' answers are). Nothing is deleted before the server has it.
 */
export class DeviceMediaStore {
  constructor(
    readonly db: KusanyaDatabase,
    private readonly cipher: RecordCipher,
  ) {}

  /** Keeps a captured medium and returns the reference the record's answer holds. Nothing leaves the tablet here. */
  async keep(input: { submissionId: string; field: string; blob: Blob; name?: string }): Promise<MediaRef> {
    const type = (input.blob.type || 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
    const name = input.name ?? mediaName(input.field, type);
    const bytes = new Uint8Array(await input.blob.arrayBuffer());
    const ref: MediaRef = { name, type, size: bytes.length, sha256: await sha256Of(bytes) };
    const id = mediaIdOf(input.submissionId, name);
    const sealed = await this.cipher.sealBytes(bytes, aadOf(id));
    const doc = await this.db.media.upsert({
      id,
      submissionId: input.submissionId,
      field: input.field,
      ...ref,
      createdAt: Date.now(),
      state: 'local',
    });
    await doc.putAttachment({ id: BYTES, data: new Blob([sealed]), type: 'application/octet-stream' });
    return ref;
  }

  /** The bytes of a medium kept on the tablet, or null when it is not (another device captured it). */
  async bytes(submissionId: string, name: string): Promise<Blob | null> {
    const id = mediaIdOf(submissionId, name);
    const doc = await this.db.media.findOne(id).exec();
    const attachment = doc?.getAttachment(BYTES);
    if (!doc || !attachment) return null;
    const sealed = new Uint8Array(await (await attachment.getData()).arrayBuffer());
    return new Blob([await this.cipher.openBytes(sealed, aadOf(id))], { type: doc.type });
  }

  /**
   * Forgets a medium the person removed or retook, unless a finalised version of its record still references it
   * (then it stays until the server has it: nothing is deleted before the server acknowledged it).
   */
  async discard(submissionId: string, ref: MediaRef): Promise<void> {
    const doc = await this.db.media.findOne(mediaIdOf(submissionId, ref.name)).exec();
    if (!doc) return;
    const record = await this.db.submissions.findOne(submissionId).exec();
    const stillReferenced = record ? mediaRefsOf(record.toJSON().data).some((r) => r.ref.name === ref.name) : false;
    if (!stillReferenced) await doc.remove();
  }

  /** Media the server has not acknowledged yet, oldest first. */
  async unsent(): Promise<DeviceMedia[]> {
    const docs = await this.db.media.find({ selector: { state: 'local' } }).exec();
    return docs.map((d) => d.toJSON() as DeviceMedia).sort((a, b) => a.createdAt - b.createdAt);
  }

  /**
   * The media these records reference, with their bytes (base64), for the rescue file: an administrator importing
   * it stores them on the server as if the tablet had sent them. A medium not on this tablet is left out.
   */
  async carried(records: readonly Pick<Submission, 'id' | 'data'>[]): Promise<CarriedMedium[]> {
    const out: CarriedMedium[] = [];
    for (const record of records) {
      for (const { ref } of mediaRefsOf(record.data)) {
        const blob = await this.bytes(record.id, ref.name);
        if (!blob || out.some((m) => m.submissionId === record.id && m.name === ref.name)) continue;
        out.push({ submissionId: record.id, ...ref, base64: await base64Of(blob) });
      }
    }
    return out;
  }

  async markSent(id: string): Promise<void> {
    const doc = await this.db.media.findOne(id).exec();
    if (doc && doc.state !== 'sent') await doc.incrementalPatch({ state: 'sent' });
  }
}

const aadOf = (id: string) => `media:${id}`;

/** A medium as the rescue file carries it. */
export type CarriedMedium = NonNullable<DeviceExport['media']>[number];

/** The bytes of a blob in base64 (the browser's own encoder, without the data: prefix). */
function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(blob);
  });
}

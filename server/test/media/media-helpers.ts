import type { MediaRef, Submission } from '@kusanya/schemas';
import { createHash, randomBytes } from 'node:crypto';
import * as tus from 'tus-js-client';
import yauzl, { type Entry } from 'yauzl';

/** Bytes that look like a JPEG to a sniffer (SOI marker), random after it: unique per call. */
export function jpegLike(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes[0] = 0xff;
  bytes[1] = 0xd8;
  bytes[2] = 0xff;
  bytes[3] = 0xe0;
  return bytes;
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function refOf(name: string, bytes: Buffer, type = 'image/jpeg'): MediaRef {
  return { name, type, size: bytes.length, sha256: sha256(bytes) };
}

/** A record's answers with media references added where a form with photo questions would put them. */
export function withMedia(doc: Submission, media: Record<string, MediaRef>): Submission {
  return { ...doc, data: { ...doc.data, ...media } };
}

export interface UploadResult {
  ok: boolean;
  status: number | null;
  body: string | null;
  url: string | null;
}

/** Sends a file with tus-js-client (the library the app uses), as the tablet does. */
export function tusUpload(
  base: string,
  token: string,
  submissionId: string,
  bytes: Buffer,
  options: {
    chunkSize?: number;
    uploadUrl?: string;
    onChunk?: (sent: number, upload: tus.Upload) => void;
    /** The hash the upload claims (default: the bytes' own). */
    claim?: string;
  } = {},
): Promise<UploadResult> {
  return new Promise((resolve) => {
    const upload: tus.Upload = new tus.Upload(bytes, {
      endpoint: `${base}/api/media/uploads`,
      ...(options.uploadUrl ? { uploadUrl: options.uploadUrl } : {}),
      headers: { authorization: `Bearer ${token}` },
      metadata: { submissionId, sha256: options.claim ?? sha256(bytes), filename: 'photo.jpg', filetype: 'image/jpeg' },
      chunkSize: options.chunkSize ?? 256 * 1024,
      retryDelays: [],
      storeFingerprintForResuming: false,
      onChunkComplete: (_size, sent) => options.onChunk?.(sent, upload),
      onSuccess: () => resolve({ ok: true, status: 204, body: null, url: upload.url }),
      onError: (error) => {
        const res = (error as tus.DetailedError).originalResponse;
        resolve({ ok: false, status: res?.getStatus() ?? null, body: res?.getBody() ?? null, url: upload.url });
      },
    });
    upload.start();
  });
}

/** The entries of a ZIP, by path. */
export function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

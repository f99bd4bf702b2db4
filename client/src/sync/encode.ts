import { canonicalJson } from '@kusanya/shared/sync/protocol';
import type { EncodedBody } from '../api/http.js';

/** Below this, compressing costs more than it saves. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * A push body as the server prefers it: canonical JSON (sorted keys — the server hashes every version in
 * that form, so it has nothing to reorder) compressed with gzip when the browser can (CompressionStream).
 */
export async function encodeJson(value: unknown): Promise<EncodedBody> {
  const text = canonicalJson(value);
  if (text.length < COMPRESS_FROM_BYTES || typeof CompressionStream === 'undefined') return { bytes: text };
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return { bytes, encoding: 'gzip' };
}

export const encodedSize = (body: EncodedBody) =>
  typeof body.bytes === 'string' ? new TextEncoder().encode(body.bytes).length : body.bytes.byteLength;

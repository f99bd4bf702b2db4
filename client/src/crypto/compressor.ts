/**
 * Deflate for what the tablet stores in bulk (pages of households: crypto/record-cipher.ts `compress`), with the
 * browser's CompressionStream ('deflate-raw'). Deflating is the costly part of sealing a page, so the app seals pages
 * on a worker thread (worker-sealer.ts), which runs this same code.
 */
export interface Compressor {
  deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>;
  inflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>;
}

/** Bytes through a (de)compression stream, written directly (no Blob: nothing handed to the browser's store). */
async function through(
  bytes: Uint8Array<ArrayBuffer>,
  stream: GenericTransformStream,
): Promise<Uint8Array<ArrayBuffer>> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes).catch(() => undefined);
  void writer.close().catch(() => undefined);
  return new Uint8Array(await new Response(stream.readable).arrayBuffer());
}

/** In this thread. */
export const inThreadCompressor: Compressor = {
  deflate: (bytes) => through(bytes, new CompressionStream('deflate-raw')),
  inflate: (bytes) => through(bytes, new DecompressionStream('deflate-raw')),
};

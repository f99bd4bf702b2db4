/**
 * Deflate for what the tablet stores in bulk (pages of households: crypto/record-cipher.ts `compress`). Deflating is
 * the costly part of sealing a page (several times the JSON and the encryption), so it runs on a worker thread when
 * the browser can start one (`WorkerCompressor`, compress-worker.ts), and in this thread otherwise (tests, or if the
 * worker fails): the same format either way (raw deflate, CompressionStream's 'deflate-raw').
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

export type CompressRequest = { id: number; op: 'deflate' | 'inflate'; bytes: Uint8Array<ArrayBuffer> };
export type CompressAnswer = { id: number; bytes?: Uint8Array<ArrayBuffer>; error?: string };

/**
 * On a worker thread: the bytes are handed over (transferred, not copied) and come back the same way. If the worker
 * cannot start or fails, this and every later call run in this thread instead.
 */
export class WorkerCompressor implements Compressor {
  private worker: Worker | null;
  private next = 1;
  private readonly waiting = new Map<
    number,
    {
      op: CompressRequest['op'];
      bytes: Uint8Array<ArrayBuffer>;
      resolve(b: Uint8Array<ArrayBuffer>): void;
      reject(e: Error): void;
    }
  >();

  constructor(start: () => Worker) {
    try {
      this.worker = start();
      this.worker.onmessage = ({ data }: MessageEvent<CompressAnswer>) => {
        const call = this.waiting.get(data.id);
        this.waiting.delete(data.id);
        if (data.bytes) call?.resolve(data.bytes);
        else call?.reject(new Error(data.error ?? 'compression failed'));
      };
      this.worker.onerror = () => this.fallBack();
    } catch {
      this.worker = null;
    }
  }

  deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
    return this.run('deflate', bytes);
  }

  inflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
    return this.run('inflate', bytes);
  }

  terminate(): void {
    this.worker?.terminate();
    this.fallBack();
  }

  private run(op: CompressRequest['op'], bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
    if (!this.worker) return inThreadCompressor[op](bytes);
    const id = this.next++;
    const copy = bytes.slice(); // the caller keeps its bytes; the copy is handed over
    const answer = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) =>
      this.waiting.set(id, { op, bytes, resolve, reject }),
    );
    this.worker.postMessage({ id, op, bytes: copy } satisfies CompressRequest, [copy.buffer]);
    return answer;
  }

  /** The worker is gone: what it had not answered is done here, and so is everything after. */
  private fallBack(): void {
    this.worker = null;
    for (const [id, call] of this.waiting) {
      this.waiting.delete(id);
      inThreadCompressor[call.op](call.bytes).then(call.resolve, call.reject);
    }
  }
}

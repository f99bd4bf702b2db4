/// <reference lib="webworker" />
/**
 * The compression worker (compressor.ts `WorkerCompressor`): deflates and inflates bytes off the main thread.
 */
import { inThreadCompressor, type CompressAnswer, type CompressRequest } from './compressor.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async ({ data }: MessageEvent<CompressRequest>) => {
  try {
    const bytes = await inThreadCompressor[data.op](data.bytes);
    scope.postMessage({ id: data.id, bytes } satisfies CompressAnswer, [bytes.buffer]);
  } catch (error) {
    scope.postMessage({ id: data.id, error: (error as Error).message } satisfies CompressAnswer);
  }
};

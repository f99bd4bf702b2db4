import { Worker } from 'node:worker_threads';
import type { RowBatch } from './batches.js';
import type { GeneratorEnd, GeneratorInput } from './row-context.js';

type Message = { batch: RowBatch } | { end: GeneratorEnd };

/**
 * Starts worker.ts: from TypeScript sources (tsx, the test runner) through worker-boot.mjs, which loads it
 * with tsx as the main thread was; from compiled JavaScript directly.
 */
function startWorker(input: GeneratorInput): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  if (!fromSource) return new Worker(new URL('./worker.js', import.meta.url), { workerData: { input } });
  return new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { input, entry: new URL('./worker.ts', import.meta.url).href } });
}

/**
 * The synthetic registry's batches (see syntheticBatches), made on a worker thread: the next batch is asked
 * for as soon as one arrives, so it is generated while the caller writes this one (two batches in memory at
 * most). Stops the worker when the caller stops early or fails.
 */
export async function* batchesFromWorker(input: GeneratorInput): AsyncGenerator<RowBatch, GeneratorEnd, void> {
  const worker = startWorker(input);
  const inbox: Message[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: Message) => {
    inbox.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the synthetic registry generator stopped (exit code ${code})`);
    notify();
  });
  const receive = async (): Promise<Message> => {
    for (;;) {
      const message = inbox.shift();
      if (message) return message;
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  try {
    worker.postMessage('next');
    for (;;) {
      const message = await receive();
      if ('end' in message) return message.end;
      worker.postMessage('next');
      yield message.batch;
    }
  } finally {
    await worker.terminate();
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorker } from '@kusanya/server/workers/start-worker';
import type { GeneratorEnd, GeneratorInput } from './row-context.js';

/** A batch made on the worker thread, staged in `file` (see bulk-staging.ts in the server). */
export interface StagedBatch {
  phase: string;
  /** Progress once the batch is written: households or collines done, of `total`. */
  done: number;
  total: number;
  file: string;
}

/** What the worker sends: each batch, then how the run ended. */
export type WorkerMessage = { batch: StagedBatch } | { end: GeneratorEnd };

/**
 * The synthetic registry's batches (see syntheticChunks), made on a worker thread and staged in scratch files
 * of a temporary directory, then how the run ended: `{ batch }` messages, then one `{ end }`. The next batch
 * is asked for as soon as one arrives, so it is made while the caller copies this one; a batch's file is
 * removed when the caller moves on. The worker is stopped and the directory removed when the iteration
 * ends, also when the caller stops early or fails, and a failure of the worker is thrown here.
 */
export async function* stagedBatches(input: GeneratorInput): AsyncGenerator<WorkerMessage, void, void> {
  const dir = mkdtempSync(join(tmpdir(), 'kusanya-synthetic-'));
  const worker = startWorker(new URL('./worker.ts', import.meta.url), { input, dir });
  const inbox: WorkerMessage[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: WorkerMessage) => {
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
  const receive = async (): Promise<WorkerMessage> => {
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
      if ('end' in message) {
        yield message;
        return;
      }
      worker.postMessage('next');
      yield message;
      rmSync(message.batch.file, { force: true });
    }
  } finally {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
}

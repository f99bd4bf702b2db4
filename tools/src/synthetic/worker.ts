import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openStagingFile, type StagingFile } from '@kusanya/server/repositories/bulk-staging';
import { syntheticChunks } from './batches.js';
import type { GeneratorInput } from './row-context.js';
import type { WorkerMessage } from './worker-client.js';

/**
 * Worker thread entry (started by worker-client.ts): makes the synthetic registry's batches on request and
 * stages each in a file of `dir`, so batches are generated on one core while the other writes the previous
 * one into the registry. Each message in asks for the next batch; each message out is `{ batch }`, then `{ end }`.
 */
function serve(input: GeneratorInput, dir: string): void {
  const port = parentPort;
  if (!port) throw new Error('the synthetic registry generator runs in a worker thread');
  const chunks = syntheticChunks(input);
  let count = 0;
  port.on('message', () => {
    const file = join(dir, `batch-${++count}.sqlite`);
    let staging: StagingFile | null = null;
    for (;;) {
      const next = chunks.next();
      if (next.done) {
        port.postMessage({ end: next.value } satisfies WorkerMessage);
        port.close();
        return;
      }
      const { rows, endsBatch, ...progress } = next.value;
      staging ??= openStagingFile(file);
      staging.append(rows);
      if (endsBatch) {
        staging.close();
        port.postMessage({ batch: { ...progress, file } } satisfies WorkerMessage);
        return;
      }
    }
  });
}

const data = workerData as { input: GeneratorInput; dir: string };
serve(data.input, data.dir);

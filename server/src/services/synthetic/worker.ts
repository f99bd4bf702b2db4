import { parentPort, workerData } from 'node:worker_threads';
import { syntheticBatches } from './batches.js';
import type { GeneratorInput } from './row-context.js';

/**
 * Worker thread entry (started by worker-client.ts): makes the synthetic registry's batches on request,
 * so they are generated on one core while the other writes the previous batch.
 * Each message in is a request for the next batch; each message out is `{ batch }`, then `{ end }`.
 */
function serve(input: GeneratorInput): void {
  const port = parentPort;
  if (!port) throw new Error('the synthetic registry generator runs in a worker thread');
  const batches = syntheticBatches(input);
  port.on('message', () => {
    const next = batches.next();
    port.postMessage(next.done ? { end: next.value } : { batch: next.value });
    if (next.done) port.close();
  });
}

serve((workerData as { input: GeneratorInput }).input);

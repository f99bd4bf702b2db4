import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread running `entry` (a URL ending in .ts, next to the caller): from the TypeScript
 * sources through ts-boot.mjs, which loads it with tsx as the main thread was; from compiled JavaScript
 * (the same URL ending in .js) directly. `resourceLimits` bounds the worker's heap: a worker that runs out
 * of it stops with ERR_WORKER_OUT_OF_MEMORY, the process goes on.
 */
export function startWorker(entry: URL, workerData: object, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), { workerData, ...limits });
  return new Worker(new URL('./ts-boot.mjs', import.meta.url), {
    workerData: { ...workerData, entry: entry.href },
    ...limits,
  });
}

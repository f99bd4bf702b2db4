import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running `entry` (a URL ending in .ts, next to the caller): from the TypeScript
 * sources through ts-boot.mjs, which loads it with tsx as the main thread was; from compiled JavaScript
 * (the same URL ending in .js) directly.
 */
export function startWorker(entry: URL, workerData: object): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), { workerData });
  return new Worker(new URL('./ts-boot.mjs', import.meta.url), { workerData: { ...workerData, entry: entry.href } });
}

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the background connection copies the write-ahead log into the database file. */
const CHECKPOINT_EVERY_MS = 500;

/**
 * The worker's code (plain CommonJS, so it runs the same under node, tsx and the test runner). Its own
 * connection runs PASSIVE checkpoints, which never block the writer, on another thread.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error) }); }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker and closes its connection (before the main connection closes, so the log can be removed). */
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the request path: a worker thread with its own connection checkpoints every
 * 500 ms, so a push's commit only appends to the log (synchronous=FULL still makes each commit durable before
 * the 200). The main connection keeps a high auto-checkpoint threshold as a fallback if the worker falls behind.
 */
export function startCheckpointer(file: string, onError: (message: string) => void = () => undefined): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, everyMs: CHECKPOINT_EVERY_MS } });
  worker.on('message', (message: { error?: string }) => {
    if (message.error) onError(message.error);
  });
  worker.on('error', (error) => onError(String(error)));
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Keep the process alive until the worker has closed its connection (it is unref'd while running).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

// Starts a worker thread from the TypeScript sources (tsx, the test runner): worker threads do not inherit
// the main thread's TypeScript loader, so this plain module loads the worker's module through tsx's API.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);

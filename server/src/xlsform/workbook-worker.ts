/**
 * The worker thread that parses one uploaded workbook (read-workbook.ts starts it with a bounded heap):
 * whatever the file holds, running out of memory stops this thread, never the server.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readSheets } from './read-sheets.js';

const { buffer, maxCells } = workerData as { buffer: Uint8Array; maxCells: number };
parentPort?.postMessage(readSheets(buffer, maxCells));

import { startWorker } from '../workers/start-worker.js';
import { readSheets, type SheetsRead } from './read-sheets.js';
import { checkWorkbook, MAX_CELLS, tooLarge, type WorkbookCheck } from './workbook-check.js';

/**
 * Reads an uploaded XLSForm workbook: the size checks of workbook-check.ts first, then SheetJS. A small
 * workbook (every real XLSForm here expands to under 3 MB) is read at once; a larger one on a worker thread
 * whose heap is bounded (defence in depth: a file that passes the checks and still needs more memory than
 * that stops the worker, not the server), with a time limit, so the server's event loop stays free.
 */

/** Heap of the parsing worker: ~3× what SheetJS needs for a workbook at the limits. */
const WORKER_HEAP_MB = 384;
const WORKER_TIME_LIMIT_MS = 60_000;
/** Up to this much to read, parsing in place costs less than starting a worker (~1 s). */
const INLINE_MAX_BYTES = 4 * 1024 * 1024;

export type WorkbookParse =
  | { readonly ok: true; readonly read: SheetsRead }
  | { readonly ok: false; readonly reason: 'unreadable' | 'too-large'; readonly message: string };

function refused(check: Extract<WorkbookCheck, { ok: false }>): WorkbookParse {
  return { ok: false, reason: check.reason, message: check.message };
}

function outcome(read: SheetsRead | { unreadable: string }): WorkbookParse {
  if ('unreadable' in read)
    return { ok: false, reason: 'unreadable', message: `not a readable .xlsx or .xls file (${read.unreadable})` };
  if (read.cells > MAX_CELLS)
    return {
      ok: false,
      reason: 'too-large',
      message: `the workbook has more than ${MAX_CELLS.toLocaleString('en')} cells`,
    };
  return { ok: true, read };
}

function parseOnWorker(buffer: Buffer): Promise<WorkbookParse> {
  return new Promise((resolve) => {
    const worker = startWorker(
      new URL('./workbook-worker.ts', import.meta.url),
      { buffer: new Uint8Array(buffer), maxCells: MAX_CELLS },
      { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
    );
    let done = false;
    const finish = (result: WorkbookParse) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish(refused(tooLarge(`reading it took more than ${WORKER_TIME_LIMIT_MS / 1000} s`))),
      WORKER_TIME_LIMIT_MS,
    );
    worker.once('message', (message: SheetsRead | { unreadable: string }) => {
      if ('unreadable' in message) {
        finish({
          ok: false,
          reason: 'unreadable',
          message: `not a readable .xlsx or .xls file (${message.unreadable})`,
        });
      } else if (message.cells > MAX_CELLS) {
        finish({
          ok: false,
          reason: 'too-large',
          message: `the workbook has more than ${MAX_CELLS.toLocaleString('en')} cells`,
        });
      } else finish({ ok: true, read: message });
    });
    worker.once('error', (error: Error & { code?: string }) =>
      finish(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { ok: false, reason: 'too-large', message: 'the workbook needs too much memory to read' }
          : { ok: false, reason: 'unreadable', message: `not a readable .xlsx or .xls file (${error.message})` },
      ),
    );
    worker.once('exit', (code) =>
      finish({
        ok: false,
        reason: 'unreadable',
        message: `the workbook could not be read (reader stopped, code ${code})`,
      }),
    );
  });
}

/** Checks and parses a workbook upload (`.xlsx`, `.xlsm` or `.xls`, told apart by content). */
export async function parseWorkbook(buffer: Buffer): Promise<WorkbookParse> {
  const check = await checkWorkbook(buffer);
  if (!check.ok) return refused(check);
  if (check.expandedBytes <= INLINE_MAX_BYTES) return outcome(readSheets(buffer, MAX_CELLS));
  return parseOnWorker(buffer);
}

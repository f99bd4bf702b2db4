import ExcelJS from 'exceljs';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import { COMMA_CSV, type CsvDialect } from '@kusanya/shared/csv/cells';
import { csvLine } from './cells.js';
import type { Cell, RowSource } from './datasets.js';

/** Rows per chunk: large enough for throughput, small enough that memory stays flat. */
const BATCH = 2000;
/** Bytes of sheet XML allowed to wait for compression before rows stop being added. */
const XLSX_BACKLOG = 4 * 1024 * 1024;

interface StreamState {
  length?: number;
}
/**
 * Bytes of a worksheet's XML not yet taken by the zip writer. exceljs pipes each sheet into the zip
 * library's queue without waiting for it, so without this the whole sheet would pile up in memory when
 * compression is slower than reading rows. (exceljs/archiver internals, read defensively: the queue's
 * stream may be an older readable-stream without `writableLength`.)
 */
function sheetBacklog(sheet: unknown): number {
  const queue = (
    sheet as { stream?: { pipes?: (Writable & { _writableState?: StreamState; _readableState?: StreamState })[] } }
  ).stream?.pipes?.[0];
  if (!queue) return 0;
  return (queue._writableState?.length ?? queue.writableLength ?? 0) + (queue._readableState?.length ?? 0);
}

/** Excel's limit is 1,048,576 rows per sheet (header included): longer exports continue on a new sheet. */
export const XLSX_ROWS_PER_SHEET = 1_048_575;

export interface WriteHooks {
  /** Rows written so far (called once per chunk and at the end). */
  progress(rows: number): void;
  /** Called once with the outcome (the stream ended, failed, or the client went away). */
  done(state: 'done' | 'failed' | 'aborted'): void;
}

/**
 * CSV (UTF-8 with a byte-order mark so spreadsheets read accents right; separator and decimal mark of the reader's
 * spreadsheet, `dialect`), pulled chunk by chunk as the client reads: nothing is produced faster than it is sent.
 */
export function csvStream(source: RowSource, hooks: WriteHooks, dialect: CsvDialect = COMMA_CSV): Readable {
  let written = 0;
  let finished = false;
  const iterator = source.rows[Symbol.iterator]();
  function* chunks(): Generator<string> {
    try {
      yield `\uFEFF${csvLine(source.columns, dialect)}`;
      for (;;) {
        let chunk = '';
        let n = 0;
        for (; n < BATCH; n += 1) {
          const next = iterator.next();
          if (next.done) break;
          chunk += csvLine(next.value, dialect);
        }
        written += n;
        hooks.progress(written);
        if (chunk) yield chunk;
        if (n < BATCH) break;
      }
      finished = true;
      hooks.done('done');
    } finally {
      iterator.return?.();
      if (!finished) hooks.done('aborted');
    }
  }
  const stream = Readable.from(chunks(), { objectMode: false });
  stream.on('error', () => hooks.done('failed'));
  return stream;
}

/**
 * XLSX through exceljs's streaming writer. exceljs and its zip library do not apply backpressure
 * themselves, so rows are added a chunk at a time and only while the response keeps up.
 */
export function xlsxStream(source: RowSource, hooks: WriteHooks): Readable {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  let aborted = false;
  out.on('close', () => {
    aborted = true;
  });
  const pump = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const iterator = source.rows[Symbol.iterator]();
    let written = 0;
    let sheetRows = 0;
    let sheetIndex = 1;
    const newSheet = () => {
      const sheet = workbook.addWorksheet(
        sheetIndex === 1 ? source.name : `${source.name} (${sheetIndex})`.slice(0, 31),
      );
      sheet.addRow(source.columns).commit();
      sheetRows = 0;
      sheetIndex += 1;
      return sheet;
    };
    let sheet = newSheet();
    try {
      for (;;) {
        let n = 0;
        for (; n < BATCH; n += 1) {
          const next = iterator.next();
          if (next.done) break;
          if (sheetRows >= XLSX_ROWS_PER_SHEET) {
            sheet.commit();
            sheet = newSheet();
          }
          sheet.addRow(next.value as Cell[]).commit();
          sheetRows += 1;
        }
        written += n;
        hooks.progress(written);
        if (n < BATCH || aborted) break;
        await yieldToLoop();
        // Wait while compression or the client lag behind: memory holds at most a few MB of pending output.
        while (!aborted && (sheetBacklog(sheet) > XLSX_BACKLOG || out.writableNeedDrain)) await sleep(5);
      }
      iterator.return?.();
      if (aborted) {
        hooks.done('aborted');
        return;
      }
      sheet.commit();
      await workbook.commit();
      hooks.done('done');
    } catch (error) {
      iterator.return?.();
      hooks.done('failed');
      out.destroy(error as Error);
    }
  };
  void pump();
  return out;
}

/** A JSON document written section by section: {"format":…, "<section>": [rows…], …}. */
export interface JsonSection {
  name: string;
  total: number;
  rows: Iterable<unknown>;
}

export function jsonStream(header: Record<string, unknown>, sections: JsonSection[], hooks: WriteHooks): Readable {
  let written = 0;
  let finished = false;
  const iterators: Iterator<unknown>[] = [];
  function* chunks(): Generator<string> {
    try {
      const head = JSON.stringify(header);
      yield `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}`;
      for (const [index, section] of sections.entries()) {
        yield `${index > 0 ? ',' : ''}\n${JSON.stringify(section.name)}:[`;
        const iterator = section.rows[Symbol.iterator]();
        iterators.push(iterator);
        let first = true;
        for (;;) {
          let chunk = '';
          let n = 0;
          for (; n < BATCH; n += 1) {
            const next = iterator.next();
            if (next.done) break;
            chunk += `${first ? '' : ','}\n${JSON.stringify(next.value)}`;
            first = false;
          }
          written += n;
          hooks.progress(written);
          if (chunk) yield chunk;
          if (n < BATCH) break;
        }
        yield '\n]';
      }
      yield '\n}\n';
      finished = true;
      hooks.done('done');
    } finally {
      for (const it of iterators) it.return?.();
      if (!finished) hooks.done('aborted');
    }
  }
  const stream = Readable.from(chunks(), { objectMode: false });
  stream.on('error', () => hooks.done('failed'));
  return stream;
}

import * as XLSX from '@e965/xlsx';
import * as cpexcel from '@e965/xlsx/dist/cpexcel.full.mjs';
import type { SheetRow, XlsformProblem, XlsformSheets } from '@kusanya/shared/xlsform/types';
import { WORKBOOK_SHEETS, type WorkbookSheetName } from '@kusanya/shared/xlsform/types';

/**
 * Reads the sheets of an XLSForm workbook (`.xlsx`, `.xlsm` or `.xls`, told apart by their content)
 * with SheetJS, the way pyxform reads them:
 * - sheets are matched by lower-cased name (`survey`, `choices`, `settings`, `external_choices`,
 *   `entities`, `osm`); a workbook with a single sheet has it as its survey, whatever its name;
 * - headers come from the first row, trimmed with runs of spaces collapsed; a header repeated in the
 *   same sheet is a problem; reading stops after 20 empty header cells in a row;
 * - rows stop after a run of 60 empty rows (the rest is not part of the form);
 * - every value is text: strings trimmed (no-break spaces become spaces), whole numbers without
 *   `.0`, booleans `TRUE`/`FALSE`, dates `YYYY-MM-DD HH:MM:SS` (times `HH:MM:SS`).
 *
 * Pure and synchronous: the server runs it on a worker thread with a bounded heap (read-workbook.ts),
 * after the upload passed the size checks of workbook-check.ts.
 */

XLSX.set_cptable(cpexcel);

const MAX_EMPTY_HEADERS = 20;
const MAX_EMPTY_ROWS = 60;

export interface SheetsRead {
  readonly sheets: XlsformSheets;
  /** Every sheet name of the workbook, as written (pyxform suggests fixes for misspelled ones). */
  readonly sheetNames: readonly string[];
  readonly problems: readonly XlsformProblem[];
  /** Cells read, across the sheets kept. */
  readonly cells: number;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell as pyxform writes it into the form: text, or null when empty. */
export function cellAsText(cell: XLSX.CellObject | undefined): string | null {
  if (!cell || cell.t === 'z' || cell.t === 'e') return null;
  const v = cell.v;
  if (v === undefined || v === null) return null;
  let text: string;
  if (typeof v === 'boolean') text = v ? 'TRUE' : 'FALSE';
  else if (typeof v === 'number') text = String(v);
  else if (v instanceof Date) {
    const date = `${v.getUTCFullYear()}-${two(v.getUTCMonth() + 1)}-${two(v.getUTCDate())}`;
    const time = `${two(v.getUTCHours())}:${two(v.getUTCMinutes())}:${two(v.getUTCSeconds())}`;
    // A time of day alone (Excel's day 0, which readers place on 30 or 31 December 1899) has no date in pyxform's reading.
    const dayZero = v.getUTCFullYear() === 1899 && v.getUTCMonth() === 11 && v.getUTCDate() >= 30;
    text = dayZero || v.getUTCFullYear() < 1899 ? time : `${date} ${time}`;
  } else text = String(v);
  text = text.replace(/\u00a0/g, ' ').trim();
  return text === '' ? null : text;
}

function columnLetter(index: number): string {
  return XLSX.utils.encode_col(index);
}

function readSheet(
  ws: XLSX.WorkSheet,
  sheet: WorkbookSheetName,
  problems: XlsformProblem[],
  headerList: string[],
): SheetRow[] {
  const data = (ws['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  const headerCells = data[0] ?? [];
  const headers: (string | null)[] = [];
  const seen = new Map<string, number>();
  let emptyRun = 0;
  for (let c = 0; c < headerCells.length; c++) {
    const raw = cellAsText(headerCells[c]);
    if (raw === null) {
      headers.push(null);
      if (++emptyRun > MAX_EMPTY_HEADERS) break;
      continue;
    }
    emptyRun = 0;
    const header = raw.replace(/\s+/g, ' ');
    const earlier = seen.get(header);
    if (earlier !== undefined) {
      problems.push({
        sheet,
        row: 1,
        column: header,
        message: `Duplicate column header: ${header} (columns ${columnLetter(earlier)} and ${columnLetter(c)})`,
      });
      headers.push(null);
      continue;
    }
    seen.set(header, c);
    headers.push(header);
    headerList.push(header);
  }
  const rows: SheetRow[] = [];
  let blankRun = 0;
  for (let r = 1; r < data.length; r++) {
    const cellsOfRow = data[r];
    const cells: Record<string, string> = {};
    let any = false;
    if (cellsOfRow) {
      for (let c = 0; c < headers.length; c++) {
        const header = headers[c];
        if (header === null || header === undefined) continue;
        const text = cellAsText(cellsOfRow[c]);
        if (text === null) continue;
        cells[header] = text;
        any = true;
      }
    }
    if (!any) {
      if (++blankRun > MAX_EMPTY_ROWS) break;
      continue;
    }
    blankRun = 0;
    rows.push({ row: r + 1, cells });
  }
  return rows;
}

function countCells(ws: XLSX.WorkSheet): number {
  let n = 0;
  for (const row of (ws['!data'] ?? []) as (XLSX.CellObject[] | undefined)[]) if (row) n += row.length;
  return n;
}

/**
 * Reads the XLSForm sheets of a workbook. `maxCells` bounds the cells kept (an `.xls` is not
 * compressed, so its size is bounded by the upload limit; this bounds what is built from it).
 */
export function readSheets(buffer: Uint8Array, maxCells: number): SheetsRead | { readonly unreadable: string } {
  let names: string[];
  try {
    names = XLSX.read(buffer, { type: 'buffer', bookSheets: true }).SheetNames;
  } catch (error) {
    return { unreadable: error instanceof Error ? error.message : String(error) };
  }
  const wanted = new Map<string, WorkbookSheetName>();
  for (const name of names) {
    const lower = name.trim().toLowerCase();
    if ((WORKBOOK_SHEETS as readonly string[]).includes(lower)) {
      if (![...wanted.values()].includes(lower as WorkbookSheetName)) wanted.set(name, lower as WorkbookSheetName);
    }
  }
  // pyxform: a workbook with one sheet has it as its survey, whatever its name.
  if (names.length === 1 && wanted.size === 0) wanted.set(names[0]!, 'survey');
  if (wanted.size === 0) return { sheets: {}, sheetNames: names, problems: [], cells: 0 };
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(buffer, {
      type: 'buffer',
      dense: true,
      cellDates: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      sheets: [...wanted.keys()],
    });
  } catch (error) {
    return { unreadable: error instanceof Error ? error.message : String(error) };
  }
  const problems: XlsformProblem[] = [];
  const sheets: { -readonly [K in WorkbookSheetName]?: SheetRow[] } = {};
  const headers: Partial<Record<WorkbookSheetName, string[]>> = {};
  let cells = 0;
  for (const [name, sheet] of wanted) {
    const ws = book.Sheets[name];
    if (!ws) continue;
    cells += countCells(ws);
    if (cells > maxCells) return { sheets: {}, sheetNames: names, problems: [], cells };
    headers[sheet] = [];
    sheets[sheet] = readSheet(ws, sheet, problems, headers[sheet]);
  }
  return { sheets: { ...sheets, headers }, sheetNames: names, problems, cells };
}

import ExcelJS from 'exceljs';
import { convertXlsform } from '@kusanya/shared/xlsform/convert';
import type {
  CellValue,
  ConvertOptions,
  ConvertResult,
  SheetName,
  SheetRow,
  XlsformProblem,
  XlsformSheets,
} from '@kusanya/shared/xlsform/types';

/**
 * Reads an XLSForm `.xlsx` (sheets `survey`, `choices`, `settings`; headers on row 1) into
 * rows for {@link convertXlsform}. Sheet names are matched case-insensitively.
 */

const SHEETS: readonly SheetName[] = ['survey', 'choices', 'settings'];

export interface WorkbookRead {
  /** False when the file is not a workbook at all. */
  readonly readable: boolean;
  readonly sheets: XlsformSheets;
  /** Problems of the file itself (duplicate headers, values without a header...). */
  readonly problems: readonly XlsformProblem[];
}

function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) return null;
    return typeof result === 'object' && !(result instanceof Date) ? result.error : result;
  }
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  return null;
}

function readSheet(sheet: ExcelJS.Worksheet, name: SheetName, problems: XlsformProblem[]): SheetRow[] {
  const headerRow = sheet.getRow(1);
  const headers = new Map<number, string>();
  const seen = new Map<string, string>();
  headerRow.eachCell({ includeEmpty: false }, (cell, col) => {
    const header = String(cellValue(cell.value) ?? '').trim();
    if (header === '') return;
    const key = header.toLowerCase();
    const letter = sheet.getColumn(col).letter;
    if (seen.has(key)) {
      problems.push({
        sheet: name,
        row: 1,
        column: header,
        message: `column '${header}' appears twice (columns ${seen.get(key)} and ${letter})`,
      });
      return;
    }
    seen.set(key, letter);
    headers.set(col, header);
  });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, CellValue> = {};
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const value = cellValue(cell.value);
      const header = headers.get(col);
      if (header !== undefined) {
        cells[header] = value;
      } else if (value !== null && String(value).trim() !== '' && !headerRow.getCell(col).value) {
        const letter = sheet.getColumn(col).letter;
        problems.push({
          sheet: name,
          row: rowNumber,
          column: letter,
          message: `column ${letter} has values but no header`,
        });
      }
    });
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** Reads the three sheets of an XLSForm workbook. */
export async function readXlsformWorkbook(buffer: Buffer | Uint8Array): Promise<WorkbookRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(buffer) as unknown as ExcelJS.Buffer);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      readable: false,
      sheets: {},
      problems: [{ sheet: '', row: 0, column: '', message: `not a readable .xlsx file (${why})` }],
    };
  }
  const problems: XlsformProblem[] = [];
  const sheets: { -readonly [K in SheetName]?: SheetRow[] } = {};
  for (const ws of workbook.worksheets) {
    const name = ws.name.trim().toLowerCase() as SheetName;
    if (!SHEETS.includes(name)) continue;
    if (sheets[name]) {
      problems.push({ sheet: name, row: 0, column: '', message: `two sheets are named '${name}'` });
      continue;
    }
    sheets[name] = readSheet(ws, name, problems);
  }
  return { readable: true, sheets, problems };
}

/**
 * Imports an XLSForm `.xlsx`: a form definition, or the full list of problems (sheet, row,
 * column, message) and nothing imported.
 */
export async function importXlsform(buffer: Buffer | Uint8Array, options: ConvertOptions = {}): Promise<ConvertResult> {
  const read = await readXlsformWorkbook(buffer);
  if (!read.readable) return { ok: false, problems: read.problems, warnings: [] };
  const converted = convertXlsform(read.sheets, options);
  if (read.problems.length === 0) return converted;
  // Convert what could be read anyway, so the author gets every problem at once.
  return {
    ok: false,
    problems: [...read.problems, ...(converted.ok ? [] : converted.problems)],
    warnings: converted.warnings,
  };
}

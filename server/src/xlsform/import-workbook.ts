import { convertXlsform } from '@kusanya/shared/xlsform/convert';
import type { ConvertOptions, ConvertResult, XlsformProblem } from '@kusanya/shared/xlsform/types';
import { parseWorkbook } from './read-workbook.js';

/**
 * Imports an XLSForm workbook (`.xlsx`, `.xlsm` or `.xls`): a form definition, or the full list of
 * problems (sheet, row, column, message) and nothing imported. A workbook over the reader's limits is
 * refused as `tooLarge` before it is parsed (see workbook-check.ts).
 */
export type WorkbookImport =
  | ConvertResult
  | {
      readonly ok: false;
      readonly tooLarge: string;
      readonly problems: readonly XlsformProblem[];
      readonly warnings: [];
    };

const fileProblem = (message: string): XlsformProblem => ({ sheet: '', row: 0, column: '', message });

export async function importXlsform(
  buffer: Buffer | Uint8Array,
  options: ConvertOptions = {},
): Promise<WorkbookImport> {
  const parsed = await parseWorkbook(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  if (!parsed.ok) {
    const problems = [fileProblem(parsed.message)];
    return parsed.reason === 'too-large'
      ? { ok: false, tooLarge: parsed.message, problems, warnings: [] }
      : { ok: false, problems, warnings: [] };
  }
  const { sheets, problems, sheetNames } = parsed.read;
  const converted = convertXlsform(sheets, { ...options, sheetNames });
  if (problems.length === 0) return converted;
  // Convert what could be read anyway, so the author gets every problem at once.
  return {
    ok: false,
    problems: [...problems, ...(converted.ok ? [] : converted.problems)],
    warnings: converted.warnings,
  };
}

import { COMMA_CSV, csvDialect, csvLine, type CsvDialect } from '@kusanya/shared/csv/cells';
import { saveBlob } from '../ui/save-file.js';

type Cell = string | number | null | undefined;

/**
 * The text of a CSV file (UTF-8 with a byte-order mark, so spreadsheets read accents right), with the same cells as
 * the server's exports: no cell a spreadsheet would run as a formula (a name typed as "=HYPERLINK(…)" stays text).
 */
export function csvText(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  dialect: CsvDialect = COMMA_CSV,
): string {
  return `\uFEFF${[header, ...rows].map((row) => csvLine(row, dialect)).join('')}`;
}

/** Saves rows as a CSV file, separated as a spreadsheet in the person's language expects (`;` in French). */
export function downloadCsv(
  filename: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  lang: string,
): void {
  saveBlob(new Blob([csvText(header, rows, csvDialect(lang))], { type: 'text/csv;charset=utf-8' }), filename);
}

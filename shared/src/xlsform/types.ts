import type { FormDefinition } from '@kusanya/schemas';

/** A cell as read from a spreadsheet. Dates are calendar dates (their UTC day is used). */
export type CellValue = string | number | boolean | Date | null | undefined;

/** One spreadsheet row: its 1-based sheet row number and its cells keyed by column header. */
export interface SheetRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, CellValue>>;
}

/** The three sheets of an XLSForm, as rows below the header row (row 1). */
export interface XlsformSheets {
  readonly survey?: readonly SheetRow[];
  readonly choices?: readonly SheetRow[];
  readonly settings?: readonly SheetRow[];
}

export type SheetName = 'survey' | 'choices' | 'settings';

/**
 * Something wrong (or, for warnings, ignored) in an XLSForm: sheet, 1-based row, column header and what is wrong
 * (schemas: XlsformProblem). `row` is 1 (the header row) for a problem with a column as a whole, and 0 with an
 * empty `column` for a problem with the file or a whole sheet.
 */
import type { XlsformProblem } from '@kusanya/schemas';
export type { XlsformProblem };

export interface ConvertOptions {
  /** Used when the settings sheet has no `form_id`. */
  readonly formId?: string;
  /** Used when the settings sheet has no `version`. */
  readonly version?: string;
}

export type ConvertResult =
  | { readonly ok: true; readonly definition: FormDefinition; readonly warnings: readonly XlsformProblem[] }
  | { readonly ok: false; readonly problems: readonly XlsformProblem[]; readonly warnings: readonly XlsformProblem[] };

export const HEADER_ROW = 1;

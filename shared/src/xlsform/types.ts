import type { FormDefinition } from '@kusanya/schemas';

/** A cell as read from a spreadsheet. Dates are calendar dates (their UTC day is used). */
export type CellValue = string | number | boolean | Date | null | undefined;

/** One spreadsheet row: its 1-based sheet row number and its cells keyed by column header. */
export interface SheetRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, CellValue>>;
}

/** The sheets of a workbook that pyxform reads (matched by lower-cased name). */
export const WORKBOOK_SHEETS = ['survey', 'choices', 'settings', 'external_choices', 'entities', 'osm'] as const;
export type WorkbookSheetName = (typeof WORKBOOK_SHEETS)[number];

/** The sheets of an XLSForm, as rows below the header row (row 1). */
export interface XlsformSheets {
  readonly survey?: readonly SheetRow[];
  readonly choices?: readonly SheetRow[];
  readonly settings?: readonly SheetRow[];
  readonly external_choices?: readonly SheetRow[];
  readonly entities?: readonly SheetRow[];
  readonly osm?: readonly SheetRow[];
  /** Every header of each sheet's first row, also those of empty columns (pyxform reads them all). */
  readonly headers?: Readonly<Partial<Record<WorkbookSheetName, readonly string[]>>>;
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
  /** Used when the settings sheet has no `form_id` (pyxform takes the file name). */
  readonly formId?: string;
  /** Used when the settings sheet has no `version` (otherwise one is derived from the content). */
  readonly version?: string;
  /** Every sheet name of the workbook (for pointing out a misspelled `survey` or `settings`). */
  readonly sheetNames?: readonly string[];
  /**
   * The form media files given with the workbook, by name: the text of data files (CSV, XML, GeoJSON),
   * null for others (images, audio). The form is checked against them (choice columns, files it needs).
   */
  readonly media?: ReadonlyMap<string, string | null>;
}

export type ConvertResult =
  | { readonly ok: true; readonly definition: FormDefinition; readonly warnings: readonly XlsformProblem[] }
  | { readonly ok: false; readonly problems: readonly XlsformProblem[]; readonly warnings: readonly XlsformProblem[] };

export const HEADER_ROW = 1;

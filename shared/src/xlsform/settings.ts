import { cellText, isBlankRow, languageCode, NAME_PATTERN } from './cells.js';
import { headerFor, plainCell, type ColumnSet } from './columns.js';
import type { SheetRow, XlsformProblem } from './types.js';

export interface Settings {
  /** The row holding the settings (the first non-empty one). */
  readonly row?: SheetRow;
  readonly formId?: string;
  readonly version?: string;
  readonly defaultLanguage?: string;
  readonly instanceName?: string;
  readonly areaField?: string;
  readonly notes?: string;
}

export const FORM_ID_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** Reads the settings sheet: one row of `form_id`, `form_title`, `version`, `default_language`... */
export function readSettings(rows: readonly SheetRow[], columns: ColumnSet, problems: XlsformProblem[]): Settings {
  const filled = rows.filter((r) => !isBlankRow(r));
  const row = filled[0];
  for (const extra of filled.slice(1)) {
    problems.push({
      sheet: 'settings',
      row: extra.row,
      column: '',
      message: 'the settings sheet takes a single row of values',
    });
  }
  if (!row) return {};
  const fail = (base: string, message: string) =>
    problems.push({ sheet: 'settings', row: row.row, column: headerFor(columns, base), message });
  const get = (base: string) => plainCell(row, columns, base);

  const formId = get('form_id');
  if (formId && !FORM_ID_PATTERN.test(formId)) {
    fail('form_id', `form_id '${formId}' must be lower-case letters, digits and '_' (starting with a letter)`);
  }
  const version = get('version');
  if (version.length > 64) fail('version', 'version is longer than 64 characters');
  const languageSpec = get('default_language');
  const defaultLanguage = languageSpec ? languageCode(languageSpec) : null;
  if (languageSpec && !defaultLanguage) {
    fail('default_language', `cannot tell the language of '${languageSpec}': write it like 'Français (fr)' or 'fr'`);
  }
  const areaField = get('area_field');
  if (areaField && !NAME_PATTERN.test(areaField)) fail('area_field', `'${areaField}' is not a question name`);
  const notesHeader = columns.plain.get('notes');
  const notes = notesHeader === undefined ? '' : cellText(row.cells[notesHeader]);

  return {
    row,
    ...(formId ? { formId } : {}),
    ...(version ? { version } : {}),
    ...(defaultLanguage ? { defaultLanguage } : {}),
    ...(get('instance_name') ? { instanceName: get('instance_name') } : {}),
    ...(areaField ? { areaField } : {}),
    ...(notes ? { notes } : {}),
  };
}

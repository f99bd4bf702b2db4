import { isBlankRow, NAME_PATTERN, yesNo } from './cells.js';
import { cell, type ColumnSet } from './headers.js';
import type { SheetRow, XlsformProblem } from './types.js';

/**
 * The settings sheet, as pyxform reads it: its first row of values (the others are ignored), every key
 * pyxform knows accepted. Kusanya extensions: `area_field` (the question whose answer is the record's
 * area) and `notes` (free text kept with the form).
 */
export interface Settings {
  /** The row holding the settings (the first non-empty one). */
  readonly row?: SheetRow;
  readonly formId?: string;
  readonly version?: string;
  /** As written (`Français (fr)`); the language key is worked out with the columns. */
  readonly defaultLanguage?: string;
  readonly instanceName?: string;
  readonly areaField?: string;
  readonly notes?: string;
  readonly style?: string;
  /** Settings kept as written (public_key, submission_url, auto_send…). */
  readonly others: Readonly<Record<string, string>>;
  readonly allowChoiceDuplicates: boolean;
  readonly cleanTextValues: boolean;
  readonly addNoneOption: boolean;
  /** The header of each setting, for pointing problems at it. */
  readonly headers: ReadonlyMap<string, string>;
}

export const FORM_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/** Settings that change nothing in Kusanya: kept, with the reason shown as a warning. */
const IGNORED: Readonly<Record<string, string>> = {
  public_key: 'submissions are not encrypted with a form key: Kusanya encrypts records on the device and in transit',
  submission_url: 'records are sent to this Kusanya server',
  auto_send: 'tablets send records as soon as they are online',
  auto_delete: 'records stay on the tablet until the server has them',
  namespaces: 'custom XML namespaces are not used',
  client_editable: 'records are corrected through review',
  flat: 'the flat layout of ODK Tables is not used',
};

export function readSettings(
  rows: readonly SheetRow[],
  columns: ColumnSet,
  problems: XlsformProblem[],
  warnings: XlsformProblem[],
): Settings {
  const row = rows.find((r) => !isBlankRow(r));
  const headers = new Map<string, string>();
  const values = new Map<string, string>();
  if (row) {
    for (const c of columns.columns) {
      const key = c.tokens.join('::');
      const text = cell(row, c.header, false);
      headers.set(key, c.header);
      if (text !== '') values.set(key, text);
    }
  }
  const get = (key: string) => values.get(key);
  const at = (key: string) => ({ sheet: 'settings' as const, row: row?.row ?? 0, column: headers.get(key) ?? key });
  const warn = (key: string, message: string) => warnings.push({ ...at(key), message });

  const name = get('name');
  if (name !== undefined && !NAME_PATTERN.test(name)) {
    problems.push({
      ...at('name'),
      message: `The 'name' value '${name}' is invalid. Names must begin with a letter or underscore. After the first character, names may contain letters, digits, underscores, hyphens, or periods.`,
    });
  }
  const version = get('version');
  if (version !== undefined && version.length > 64)
    problems.push({ ...at('version'), message: 'version is longer than 64 characters' });
  if (yesNo(get('omit_instanceID') ?? get('omit_instanceid') ?? '') === true && get('public_key')) {
    problems.push({ ...at('omit_instanceID'), message: 'Cannot omit instanceID, it is required for encryption.' });
  }
  const areaField = get('area_field');
  if (areaField !== undefined && !NAME_PATTERN.test(areaField))
    problems.push({ ...at('area_field'), message: `'${areaField}' is not a question name` });

  const known = new Set([
    'id_string',
    'title',
    'version',
    'default_language',
    'instance_name',
    'area_field',
    'notes',
    'style',
    'allow_choice_duplicates',
    'clean_text_values',
    'add_none_option',
  ]);
  const others: Record<string, string> = {};
  for (const [key, value] of values) {
    if (known.has(key) || key.startsWith('title::')) continue;
    others[key] = value;
    const why = IGNORED[key];
    if (why) warn(key, `the setting '${key}' has no effect here: ${why}`);
  }

  return {
    ...(row ? { row } : {}),
    ...(get('id_string') !== undefined ? { formId: get('id_string')! } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(get('default_language') !== undefined ? { defaultLanguage: get('default_language')! } : {}),
    ...(get('instance_name') !== undefined ? { instanceName: get('instance_name')! } : {}),
    ...(areaField !== undefined ? { areaField } : {}),
    ...(get('notes') !== undefined ? { notes: get('notes')! } : {}),
    ...(get('style') !== undefined ? { style: get('style')! } : {}),
    others,
    allowChoiceDuplicates: yesNo(get('allow_choice_duplicates') ?? 'no') === true,
    cleanTextValues: yesNo(get('clean_text_values') ?? 'yes') !== false,
    addNoneOption: yesNo(get('add_none_option') ?? 'no') === true,
    headers,
  };
}

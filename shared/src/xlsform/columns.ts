import type { LocalizedText } from '@kusanya/schemas';
import { cellText, languageCode } from './cells.js';
import { HEADER_ROW, type SheetName, type SheetRow, type XlsformProblem } from './types.js';

/**
 * The columns Kusanya reads, per sheet, with the usual XLSForm aliases. Headers are matched
 * case-insensitively. Columns starting with `$` (KoboToolbox bookkeeping such as `$kuid`)
 * are ignored; any other column that is not supported is an error as soon as a row uses it.
 *
 * Kusanya extensions: survey `min_count` / `max_count` (instances of a repeat without
 * `repeat_count`), settings `area_field` (the question whose answer is the submission's area)
 * and `notes` (free text kept with the form).
 */

const PLAIN: Readonly<Record<SheetName, readonly string[]>> = {
  survey: [
    'type',
    'name',
    'required',
    'relevant',
    'constraint',
    'calculation',
    'choice_filter',
    'default',
    'read_only',
    'repeat_count',
    'appearance',
    'min_count',
    'max_count',
  ],
  choices: ['list_name', 'name'],
  settings: ['form_id', 'version', 'default_language', 'instance_name', 'area_field', 'notes'],
};

const LOCALIZED: Readonly<Record<SheetName, readonly string[]>> = {
  survey: ['label', 'hint', 'constraint_message', 'required_message'],
  choices: ['label'],
  settings: ['form_title'],
};

const ALIASES: Readonly<Record<string, string>> = {
  relevance: 'relevant',
  'bind::relevant': 'relevant',
  'bind::required': 'required',
  'bind::constraint': 'constraint',
  'bind::calculate': 'calculation',
  calculate: 'calculation',
  readonly: 'read_only',
  'bind::readonly': 'read_only',
  'choice filter': 'choice_filter',
  'jr:count': 'repeat_count',
  'control::jr:count': 'repeat_count',
  'repeat count': 'repeat_count',
  'control::appearance': 'appearance',
  'constraint message': 'constraint_message',
  'jr:constraintmsg': 'constraint_message',
  'bind::jr:constraintmsg': 'constraint_message',
  'required message': 'required_message',
  'jr:requiredmsg': 'required_message',
  'bind::jr:requiredmsg': 'required_message',
  'list name': 'list_name',
  id_string: 'form_id',
  'form id': 'form_id',
  'form title': 'form_title',
  'default language': 'default_language',
  'instance name': 'instance_name',
};

const MEDIA = /^(media::)?(image|audio|video|big-image)(::.*)?$/;
const FILTER_COLUMN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export interface ColumnSet {
  /** Canonical plain column → header as written. */
  readonly plain: ReadonlyMap<string, string>;
  /** Localized base (`label`) → language code → header. */
  readonly localized: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Localized base → header of the column without a language (`label`). */
  readonly unlocalized: ReadonlyMap<string, string>;
  /** Extra columns of the choices sheet, usable in choice filters. */
  readonly filters: readonly string[];
}

function firstUse(rows: readonly SheetRow[], header: string): number | undefined {
  return rows.find((r) => cellText(r.cells[header]) !== '')?.row;
}

/** Classifies the headers of a sheet; reports unsupported columns that some row uses. */
export function readColumns(sheet: SheetName, rows: readonly SheetRow[], problems: XlsformProblem[]): ColumnSet {
  const headers = new Set<string>();
  for (const r of rows) for (const h of Object.keys(r.cells)) headers.add(h);
  const plain = new Map<string, string>();
  const localized = new Map<string, Map<string, string>>();
  const unlocalized = new Map<string, string>();
  const filters: string[] = [];
  const fail = (header: string, message: string, row = HEADER_ROW) =>
    problems.push({ sheet, row, column: header, message });

  for (const header of headers) {
    const trimmed = header.trim();
    if (trimmed === '' || trimmed.startsWith('$')) continue;
    const lowered = trimmed.toLowerCase();
    // A whole-header alias (`bind::relevant`) has no language part; otherwise `base::language`.
    const whole = ALIASES[lowered];
    const [rawBase, ...rest] = whole ? [whole] : trimmed.split('::');
    const lowerBase = rawBase!.trim().toLowerCase();
    const base = ALIASES[lowerBase] ?? lowerBase;
    const languageSpec = rest.join('::');
    const used = firstUse(rows, header);

    if (LOCALIZED[sheet].includes(base)) {
      if (rest.length === 0) {
        if (unlocalized.has(base)) fail(header, `column '${base}' appears twice`);
        unlocalized.set(base, header);
        continue;
      }
      const code = languageCode(languageSpec);
      if (!code) {
        fail(header, `cannot tell the language of '${header}': write it like '${base}::Français (fr)'`);
        continue;
      }
      const byLanguage = localized.get(base) ?? new Map<string, string>();
      if (byLanguage.has(code)) fail(header, `two '${base}' columns for language '${code}'`);
      byLanguage.set(code, header);
      localized.set(base, byLanguage);
      continue;
    }
    if (PLAIN[sheet].includes(base)) {
      if (rest.length > 0) {
        fail(header, `column '${base}' does not take a language`);
        continue;
      }
      if (plain.has(base)) fail(header, `column '${base}' appears twice (as '${plain.get(base)}' and '${header}')`);
      plain.set(base, header);
      continue;
    }
    if (sheet === 'choices' && rest.length === 0 && !MEDIA.test(lowered) && FILTER_COLUMN.test(trimmed)) {
      filters.push(header);
      continue;
    }
    if (used === undefined) continue;
    const why = MEDIA.test(lowered)
      ? 'media (images, audio, video) are not supported'
      : `column '${header}' is not supported by Kusanya`;
    fail(header, why, used);
  }
  return { plain, localized, unlocalized, filters };
}

/** Every language code named in the localized headers. */
export function languagesOf(columns: ColumnSet): string[] {
  const out: string[] = [];
  for (const byLanguage of columns.localized.values())
    for (const code of byLanguage.keys()) if (!out.includes(code)) out.push(code);
  return out;
}

/** The text of a localized column in a row, per language; a column without language is the default language. */
export function localizedCell(
  row: SheetRow,
  columns: ColumnSet,
  base: string,
  defaultLanguage: string,
): LocalizedText | undefined {
  const text: LocalizedText = {};
  let any = false;
  const plainHeader = columns.unlocalized.get(base);
  if (plainHeader !== undefined) {
    const v = cellText(row.cells[plainHeader]);
    if (v !== '') {
      text[defaultLanguage] = v;
      any = true;
    }
  }
  for (const [code, header] of columns.localized.get(base) ?? []) {
    const v = cellText(row.cells[header]);
    if (v !== '') {
      text[code] = v;
      any = true;
    }
  }
  return any ? text : undefined;
}

/** The header that holds `base` in `language` (for pointing problems at the right column). */
export function headerFor(columns: ColumnSet, base: string, language?: string): string {
  if (language) {
    const h = columns.localized.get(base)?.get(language);
    if (h) return h;
  }
  const firstLocalized = columns.localized.get(base)?.values().next().value;
  return columns.plain.get(base) ?? columns.unlocalized.get(base) ?? firstLocalized ?? base;
}

export function plainCell(row: SheetRow, columns: ColumnSet, base: string): string {
  const header = columns.plain.get(base);
  return header === undefined ? '' : cellText(row.cells[header]);
}

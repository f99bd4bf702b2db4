import type { LocalizedText } from '@kusanya/schemas';
import { cellText, cleanText, languageKey } from './cells.js';
import type { SheetRow, WorkbookSheetName, XlsformProblem } from './types.js';

/**
 * Column headers as pyxform reads them (its `dealias_and_group_headers`): a header is split on `::`
 * (or, in a sheet where no header has `::`, on `:` as older forms wrote it), its first part is
 * put in snake case and looked up among the aliases (`relevance` → `bind::relevant`, `caption` →
 * `label`, `image` → `media::image`…); the rest names a language or an attribute. Two headers that
 * mean the same column are a problem; headers Kusanya does not know are kept as they are (a choice
 * list may filter on them) and otherwise ignored, as pyxform ignores them.
 */

type Tokens = readonly string[];

const SURVEY_ALIASES: Readonly<Record<string, Tokens>> = {
  read_only: ['bind', 'readonly'],
  readonly: ['bind', 'readonly'],
  relevant: ['bind', 'relevant'],
  relevance: ['bind', 'relevant'],
  required: ['bind', 'required'],
  constraint: ['bind', 'constraint'],
  constraining_message: ['bind', 'jr:constraintMsg'],
  constraint_message: ['bind', 'jr:constraintMsg'],
  calculation: ['bind', 'calculate'],
  calculate: ['bind', 'calculate'],
  requiredmsg: ['bind', 'jr:requiredMsg'],
  required_message: ['bind', 'jr:requiredMsg'],
  noapperrorstring: ['bind', 'jr:noAppErrorString'],
  no_app_error_string: ['bind', 'jr:noAppErrorString'],
  caption: ['label'],
  appearance: ['control', 'appearance'],
  count: ['control', 'jr:count'],
  repeat_count: ['control', 'jr:count'],
  'jr:count': ['control', 'jr:count'],
  autoplay: ['control', 'autoplay'],
  rows: ['control', 'rows'],
  body: ['control'],
  command: ['type'],
  tag: ['name'],
  value: ['name'],
  image: ['media', 'image'],
  'big-image': ['media', 'big-image'],
  audio: ['media', 'audio'],
  video: ['media', 'video'],
  compact_tag: ['instance', 'odk:tag'],
  save_to: ['bind', 'entities:saveto'],
};

const CHOICES_ALIASES: Readonly<Record<string, Tokens>> = {
  caption: ['label'],
  list_name: ['list_name'],
  value: ['name'],
  image: ['media', 'image'],
  'big-image': ['media', 'big-image'],
  audio: ['media', 'audio'],
  video: ['media', 'video'],
};

const SETTINGS_ALIASES: Readonly<Record<string, Tokens>> = {
  form_title: ['title'],
  set_form_title: ['title'],
  form_id: ['id_string'],
  set_form_id: ['id_string'],
  id_string: ['id_string'],
};

/** Columns pyxform knows by their own name, per sheet (the rest of a sheet's columns are unknown). */
const KNOWN: Readonly<Partial<Record<WorkbookSheetName, ReadonlySet<string>>>> = {
  survey: new Set([
    'type',
    'name',
    'label',
    'hint',
    'guidance_hint',
    'default',
    'choice_filter',
    'parameters',
    'trigger',
    'bind',
    'control',
    'media',
    'instance',
    'disabled',
    'min_count',
    'max_count',
    'sms_field',
    'sms_option',
    'sms_separator',
    'sms_allow_media',
    'sms_date_format',
    'sms_datetime_format',
    'sms_response',
    'intent',
  ]),
  choices: new Set(['list_name', 'name', 'label', 'media']),
  external_choices: new Set(['list_name', 'name', 'label', 'media']),
};

const ALIASES: Readonly<Partial<Record<WorkbookSheetName, Readonly<Record<string, Tokens>>>>> = {
  survey: SURVEY_ALIASES,
  choices: CHOICES_ALIASES,
  external_choices: CHOICES_ALIASES,
  settings: SETTINGS_ALIASES,
};

export const snakeCase = (text: string) => text.trim().split(/\s+/).join('_').toLowerCase();

/** One header of a sheet: what it means. */
export interface Column {
  readonly header: string;
  /** `['label', 'English (en)']`, `['bind', 'relevant']`, `['media', 'image', 'fr']`, `['province']`. */
  readonly tokens: Tokens;
  /** Whether pyxform knows the column (by name or alias). */
  readonly known: boolean;
}

export interface ColumnSet {
  readonly sheet: WorkbookSheetName;
  readonly columns: readonly Column[];
}

function splitHeader(header: string, doubleColon: boolean): string[] {
  if (doubleColon || header.includes('::')) return header.split('::').map((t) => t.trim());
  const tokens = header.split(':').map((t) => t.trim());
  const jr = tokens.indexOf('jr');
  if (jr >= 0 && jr + 1 < tokens.length) tokens.splice(jr, 2, `jr:${tokens[jr + 1]}`);
  return tokens;
}

function keyOf(tokens: Tokens): string {
  return tokens.join('\u0000');
}

/** Classifies the headers of a sheet; reports two headers meaning the same column. */
export function readColumns(
  sheet: WorkbookSheetName,
  rows: readonly SheetRow[],
  problems: XlsformProblem[],
  warnings: XlsformProblem[] = [],
  sheetHeaders: readonly string[] = [],
): ColumnSet {
  let headers: string[] = [...sheetHeaders];
  for (const r of rows) for (const h of Object.keys(r.cells)) if (!headers.includes(h)) headers.push(h);
  const lower = headers.map((h) => h.trim().toLowerCase());
  if (sheet === 'settings' && lower.includes('form_id') && lower.includes('id_string')) {
    headers = headers.filter((h) => h.trim().toLowerCase() !== 'id_string');
    warnings.push({
      sheet,
      row: 1,
      column: 'id_string',
      message:
        'The form_id and id_string column headers are both specified in the settings sheet provided. This may cause errors during conversion. In future, its best to avoid specifying both column headers in the settings sheet.',
    });
  }
  const doubleColon = headers.some((h) => h.includes('::'));
  const aliases = ALIASES[sheet] ?? {};
  const known = KNOWN[sheet];
  const seen = new Map<string, string>();
  const columns: Column[] = [];
  for (const header of headers) {
    const trimmed = header.trim();
    if (trimmed === '') continue;
    const raw = splitHeader(trimmed, doubleColon);
    const first = snakeCase(raw[0]!);
    let tokens: Tokens;
    let isKnown = true;
    const alias = aliases[first];
    if (alias) {
      tokens = [...alias, ...raw.slice(1)];
    } else if (sheet === 'settings' || known?.has(first)) {
      tokens = [first, ...raw.slice(1)];
    } else {
      // Unknown columns keep their header (a choice filter may name them).
      tokens = [trimmed];
      isKnown = false;
    }
    const key = keyOf(tokens);
    const other = seen.get(key);
    // pyxform: a repeated column is a problem when this header had to be read (aliased, split, cased).
    if (other !== undefined && (isKnown ? tokens[0] : trimmed) !== trimmed) {
      problems.push({
        sheet,
        row: 1,
        column: header,
        message: `Headers that are different names for the same column were found: '${other}', '${header}'. Rename or remove one of these columns.`,
      });
      continue;
    }
    seen.set(key, header);
    columns.push({ header, tokens, known: isKnown });
  }
  return { sheet, columns };
}

/** The cleaned text of a cell (curly quotes straightened; white space collapsed when `collapse`). */
export function cell(row: SheetRow, header: string, collapse: boolean): string {
  return cleanText(cellText(row.cells[header]), collapse);
}

/** The header of a single-valued column (`['type']`, `['bind', 'relevant']`), if the sheet has it. */
export function headerOf(columns: ColumnSet, ...tokens: string[]): string | undefined {
  return columns.columns.find((c) => c.tokens.length === tokens.length && c.tokens.every((t, i) => t === tokens[i]))
    ?.header;
}

/** Headers of a translatable column: those of `prefix` followed by at most one language token. */
export function translations(columns: ColumnSet, ...prefix: string[]): { header: string; language: string | null }[] {
  const out: { header: string; language: string | null }[] = [];
  for (const c of columns.columns) {
    if (c.tokens.length < prefix.length || c.tokens.length > prefix.length + 1) continue;
    if (!prefix.every((t, i) => c.tokens[i] === t)) continue;
    out.push({ header: c.header, language: c.tokens.length > prefix.length ? c.tokens[prefix.length]! : null });
  }
  return out;
}

/** Every language spec named by translatable columns of the sheet. */
export function languageSpecs(columns: ColumnSet): string[] {
  const specs: string[] = [];
  const prefixes =
    columns.sheet === 'settings'
      ? [['title']]
      : [
          ['label'],
          ['hint'],
          ['guidance_hint'],
          ['bind', 'jr:constraintMsg'],
          ['bind', 'jr:requiredMsg'],
          ['media', 'image'],
          ['media', 'big-image'],
          ['media', 'audio'],
          ['media', 'video'],
        ];
  for (const prefix of prefixes) {
    for (const { language } of translations(columns, ...prefix))
      if (language && !specs.includes(language)) specs.push(language);
  }
  return specs;
}

/** The text of a translatable column in a row, keyed by language (a column without one is the default language). */
export function localizedCell(
  row: SheetRow,
  columns: ColumnSet,
  prefix: readonly string[],
  defaultLanguage: string,
  collapse: boolean,
): LocalizedText | undefined {
  const text: LocalizedText = {};
  let any = false;
  // Language columns first, so that a column without language does not overwrite the default language's own.
  const found = translations(columns, ...prefix).sort(
    (a, b) => (a.language === null ? 1 : 0) - (b.language === null ? 1 : 0),
  );
  for (const { header, language } of found) {
    const value = cell(row, header, collapse);
    if (value === '') continue;
    const key = language === null ? defaultLanguage : languageKey(language).key;
    if (language === null && key in text) continue;
    text[key] = value;
    any = true;
  }
  return any ? text : undefined;
}

import type { CellValue, SheetRow } from './types.js';

/** The text of a cell, trimmed; numbers without a trailing `.0`, dates as `YYYY-MM-DD`. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const y = value.getUTCFullYear();
  const m = String(value.getUTCMonth() + 1).padStart(2, '0');
  const d = String(value.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function isBlankRow(row: SheetRow): boolean {
  return Object.values(row.cells).every((v) => cellText(v) === '');
}

const SMART_QUOTES: Readonly<Record<string, string>> = { '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"' };

/** pyxform's cleaning of every value: curly quotes straightened; with `collapse`, runs of white space made one space. */
export function cleanText(text: string, collapse: boolean): string {
  const straight = text.replace(/[\u2018\u2019\u201c\u201d]/g, (q) => SMART_QUOTES[q]!);
  return collapse ? straight.replace(/\s+/g, ' ').trim() : straight;
}

const YES = new Set(['yes', 'true', 'true()', '1']);
const NO = new Set(['no', 'false', 'false()', '0', '']);

/** pyxform's yes/no words (and 1/0): true, false, or undefined when it is neither. */
export function yesNo(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (YES.has(lower)) return true;
  if (NO.has(lower)) return false;
  return undefined;
}

/**
 * `required` / `read_only`: yes/true/TRUE()/1 are true, no/false/0/empty are false, anything
 * else is an expression.
 */
export function parseFlag(text: string): boolean | string {
  return yesNo(text) ?? text;
}

/**
 * XML names (NCName), as pyxform requires for question, group and choice-list names: a letter or `_`
 * first, then letters, digits, `_`, `-` and `.` (letters of any script).
 */
export const NAME_PATTERN = /^[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00b7]*$/u;

/** Levenshtein distance (pyxform's test for a misspelled sheet name: at most 2). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 0; i < a.length; i++) {
    const current = [i + 1];
    for (let j = 0; j < b.length; j++) {
      current.push(Math.min(previous[j + 1]! + 1, current[j]! + 1, previous[j]! + (a[i] === b[j] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length]!;
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  english: 'en',
  anglais: 'en',
  french: 'fr',
  français: 'fr',
  francais: 'fr',
  kirundi: 'rn',
  ikirundi: 'rn',
  rundi: 'rn',
  swahili: 'sw',
  kiswahili: 'sw',
  kinyarwanda: 'rw',
  spanish: 'es',
  español: 'es',
  portuguese: 'pt',
  português: 'pt',
  arabic: 'ar',
  chinese: 'zh',
  hindi: 'hi',
  bengali: 'bn',
  russian: 'ru',
  german: 'de',
  italian: 'it',
  amharic: 'am',
  hausa: 'ha',
  yoruba: 'yo',
  igbo: 'ig',
  somali: 'so',
  luganda: 'lg',
  lingala: 'ln',
  nepali: 'ne',
  urdu: 'ur',
  indonesian: 'id',
  japanese: 'ja',
  dutch: 'nl',
  turkish: 'tr',
  vietnamese: 'vi',
  thai: 'th',
  burmese: 'my',
  ukrainian: 'uk',
  polish: 'pl',
  greek: 'el',
  persian: 'fa',
  pashto: 'ps',
  tigrinya: 'ti',
  oromo: 'om',
  malagasy: 'mg',
  sango: 'sg',
  wolof: 'wo',
  fulfulde: 'ff',
  bambara: 'bm',
  zulu: 'zu',
  xhosa: 'xh',
  shona: 'sn',
  chichewa: 'ny',
  tetun: 'tet',
  tagalog: 'tl',
  khmer: 'km',
  lao: 'lo',
};

const CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/**
 * The language code of an XLSForm language spec: `Français (fr)` → `fr`, `fr` → `fr`,
 * `English` → `en` (common names). Null when it cannot be told.
 */
export function languageCode(spec: string): string | null {
  const text = spec.trim();
  const inParens = /\(([^()]+)\)\s*$/.exec(text);
  if (inParens) {
    const code = inParens[1]!.trim();
    return CODE.test(code) ? code : null;
  }
  if (CODE.test(text)) return text;
  return LANGUAGE_NAMES[text.toLowerCase()] ?? null;
}

/**
 * The key a language spec is stored under: its code when one is given or known, else the spec as
 * written (pyxform accepts any language name: `label::Igbo`, `label::Tetun`). `machineReadable` says
 * whether the spec itself names a code (pyxform warns when it does not).
 */
export function languageKey(spec: string): { key: string; machineReadable: boolean } {
  const text = spec.trim();
  const inParens = /\(([^()]+)\)\s*$/.exec(text);
  if (inParens && CODE.test(inParens[1]!.trim())) return { key: inParens[1]!.trim(), machineReadable: true };
  if (CODE.test(text)) return { key: text, machineReadable: true };
  if (text === 'default') return { key: 'default', machineReadable: true };
  return { key: LANGUAGE_NAMES[text.toLowerCase()] ?? text, machineReadable: false };
}

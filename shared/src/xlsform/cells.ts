import type { CellValue, SheetRow } from './types.js';

/** The text of a cell, trimmed; numbers without a trailing `.0`, dates as `YYYY-MM-DD`. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const y = value.getUTCFullYear();
  const m = String(value.getUTCMonth() + 1).padStart(2, '0');
  const d = String(value.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function isBlankRow(row: SheetRow): boolean {
  return Object.values(row.cells).every((v) => cellText(v) === '');
}

const TRUE_WORDS = new Set(['yes', 'true', 'true()', '1']);
const FALSE_WORDS = new Set(['no', 'false', 'false()', '0', '']);

/**
 * `required` / `read_only`: yes/true/TRUE()/1 are true, no/false/0/empty are false, anything
 * else is an expression.
 */
export function parseFlag(text: string): boolean | string {
  const lower = text.toLowerCase();
  if (TRUE_WORDS.has(lower)) return true;
  if (FALSE_WORDS.has(lower)) return false;
  return text;
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
};

const CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/**
 * The language code of an XLSForm language spec: `Français (fr)` → `fr`, `fr` → `fr`,
 * `English` → `en` (a few known names). Null when it cannot be told.
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

/** XML-style names, as XLSForm requires for question and choice-list names. */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

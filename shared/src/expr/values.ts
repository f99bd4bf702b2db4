/**
 * Runtime values of the expression language and the XPath-style conversions between them.
 *
 * - An unanswered question reads as the empty string `''`.
 * - Numbers are JavaScript numbers (NaN and ±Infinity may appear, as in ODK).
 * - A date question reads as an {@link XDate}: it compares as a date and converts to a number
 *   of days since 1970-01-01 (so `today() - ${dob}` is a number of days, as in ODK).
 * - A select_multiple answer reads as a `readonly string[]` (ODK's space-separated list).
 * - A reference into a repeat from outside it reads as an {@link XNodeSet} (one value per
 *   instance), accepted only by `sum()` and `count()`.
 */

export interface XDate {
  readonly kind: 'date';
  /** `YYYY-MM-DD`. */
  readonly iso: string;
  /** Days since 1970-01-01 (UTC calendar). */
  readonly days: number;
}

export interface XNodeSet {
  readonly kind: 'nodeset';
  readonly values: readonly Value[];
}

export type Value = string | number | boolean | readonly string[] | XDate | XNodeSet;

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:$|T)/;
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

export function isDate(v: Value): v is XDate {
  return typeof v === 'object' && !Array.isArray(v) && (v as XDate | XNodeSet).kind === 'date';
}

export function isNodeSet(v: Value): v is XNodeSet {
  return typeof v === 'object' && !Array.isArray(v) && (v as XDate | XNodeSet).kind === 'nodeset';
}

export function isMulti(v: Value): v is readonly string[] {
  return Array.isArray(v);
}

function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (the "days from civil" calculation). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** A real calendar date from `YYYY-MM-DD` (a time part after `T` is ignored), else null. */
export function parseDate(text: string): XDate | null {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  if (text.length > 10 && text.charCodeAt(10) !== 84) return null;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { kind: 'date', iso: text.length === 10 ? text : text.slice(0, 10), days: daysFromCivil(y, mo, d) };
}

export function dateFromDays(days: number): XDate | null {
  if (!Number.isFinite(days)) return null;
  const whole = Math.floor(days);
  const d = new Date(whole * DAY_MS);
  if (Number.isNaN(d.getTime())) return null;
  const iso = `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
  return { kind: 'date', iso, days: whole };
}

/** The calendar date of `at` in the local time zone of the running device. */
export function localDate(at: Date): XDate {
  const iso = `${String(at.getFullYear()).padStart(4, '0')}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  return parseDate(iso)!;
}

/** Unwraps a node-set to its first value (XPath's rule when one value is needed). */
export function single(v: Value): Exclude<Value, XNodeSet> {
  if (isNodeSet(v)) return v.values.length > 0 ? single(v.values[0]!) : '';
  return v;
}

export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Object.is(n, -0)) return '0';
  return String(n);
}

export function toNumber(v: Value): number {
  const s = single(v);
  if (typeof s === 'number') return s;
  if (typeof s === 'boolean') return s ? 1 : 0;
  if (typeof s === 'string') {
    const t = s.trim();
    return NUMERIC.test(t) ? Number(t) : NaN;
  }
  if (isDate(s)) return s.days;
  return toNumber(s.join(' '));
}

export function toText(v: Value): string {
  const s = single(v);
  if (typeof s === 'string') return s;
  if (typeof s === 'number') return formatNumber(s);
  if (typeof s === 'boolean') return s ? 'true' : 'false';
  if (isDate(s)) return s.iso;
  return s.join(' ');
}

export function toBoolean(v: Value): boolean {
  if (isNodeSet(v)) return v.values.length > 0 && toBoolean(v.values[0]!);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v.length > 0;
  if (isDate(v)) return true;
  return v.length > 0;
}

/** Days since 1970 of a date, a `YYYY-MM-DD` string or a number of days; NaN otherwise. */
export function toDays(v: Value): number {
  const s = single(v);
  if (isDate(s)) return s.days;
  if (typeof s === 'string') {
    const d = parseDate(s.trim());
    return d ? d.days : NaN;
  }
  return toNumber(s);
}

function looksLikeDate(v: Value): boolean {
  return typeof v === 'string' && ISO_DATE.test(v);
}

/** XPath `=` with ODK's coercions: booleans, then numbers, then dates, then strings. */
export function valuesEqual(a: Value, b: Value): boolean {
  const x = single(a);
  const y = single(b);
  if (typeof x === 'boolean' || typeof y === 'boolean') return toBoolean(x) === toBoolean(y);
  if (typeof x === 'number' || typeof y === 'number') return toNumber(x) === toNumber(y);
  if (isDate(x) || isDate(y)) {
    const dx = toDays(x);
    const dy = toDays(y);
    if (!Number.isNaN(dx) && !Number.isNaN(dy)) return dx === dy;
  }
  return toText(x) === toText(y);
}

/**
 * XPath relational comparison: numbers, except that dates (and two `YYYY-MM-DD` strings)
 * compare as dates. Anything that is not a number compares false, as in ODK (`'a' < 'b'` is false).
 */
export function compareValues(op: '<' | '<=' | '>' | '>=', a: Value, b: Value): boolean {
  const x = single(a);
  const y = single(b);
  const asDates = isDate(x) || isDate(y) || (looksLikeDate(x) && looksLikeDate(y));
  const l = asDates ? toDays(x) : toNumber(x);
  const r = asDates ? toDays(y) : toNumber(y);
  switch (op) {
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
  }
}

/** Choice names in a select value (`'a b'` or `['a', 'b']`). */
export function selectedNames(v: Value): readonly string[] {
  const s = single(v);
  if (isMulti(s)) return s;
  const text = toText(s).trim();
  return text === '' ? [] : text.split(/\s+/);
}

import type { NodeTest } from './ast.js';
import { dateTimeToDays, daysFromCivil, isoDate, parseDateTime } from './dates.js';

/**
 * Runtime values of the expression language and the XPath conversions between them, with ODK's
 * extensions (the ODK XForms specification, "XPath Functions").
 *
 * - An unanswered question reads as the empty string `''`.
 * - Numbers are JavaScript numbers (NaN and ±Infinity may appear, as in ODK).
 * - A date question reads as an {@link XDate}: it compares as a date and converts to a number of days
 *   since 1970-01-01, as `number()` converts date and dateTime strings (`today() - ${dob}` is a number
 *   of days).
 * - A select_multiple or rank answer reads as a `readonly string[]` (ODK's space-separated list).
 * - A location path or a reference into a repeat from outside it reads as an {@link XNodeSet}.
 */

export interface XDate {
  readonly kind: 'date';
  /** `YYYY-MM-DD`. */
  readonly iso: string;
  /** Days since 1970-01-01 (UTC calendar). */
  readonly days: number;
}

/** A node of an instance (the record being filled, a choice list, a form media file). */
export interface XNode {
  readonly name: string;
  /** The node's value as a single value (its text for a secondary instance node). */
  value(): Exclude<Value, XNodeSet>;
  children(test: NodeTest): readonly XNode[];
  parent(): XNode | null;
  attribute(name: string): string | undefined;
  /** 1-based position among the siblings of the same name (a repeat instance's number). */
  position(): number;
}

export interface XNodeSet {
  readonly kind: 'nodeset';
  readonly values: readonly Value[];
  /** The nodes behind the values, when the set came from a path (paths can go on from them). */
  readonly nodes?: readonly XNode[];
}

export type Value = string | number | boolean | readonly string[] | XDate | XNodeSet;

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

export function nodeSet(values: readonly Value[], nodes?: readonly XNode[]): XNodeSet {
  return nodes ? { kind: 'nodeset', values, nodes } : { kind: 'nodeset', values };
}

export function nodeSetOfNodes(nodes: readonly XNode[]): XNodeSet {
  return { kind: 'nodeset', values: nodes.map((n) => n.value()), nodes };
}

export { daysFromCivil };

/** A real calendar date from `YYYY-MM-DD` (a time part after `T` is ignored), else null. */
export function parseDate(text: string): XDate | null {
  const parsed = isoDate(text);
  return parsed ? { kind: 'date', iso: parsed.iso, days: parsed.days } : null;
}

export function dateFromDays(days: number): XDate | null {
  if (!Number.isFinite(days)) return null;
  const whole = Math.floor(days);
  const d = new Date(whole * 86_400_000);
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
  if (Number.isInteger(n) || Math.abs(n) >= 1e-6) {
    const text = String(n);
    if (!text.includes('e')) return text;
  }
  // XPath writes numbers without exponents.
  return n.toFixed(20).replace(/\.?0+$/, '');
}

/**
 * XPath `number()` with ODK's extension: a date or dateTime string converts to days since 1970-01-01
 * (a dateTime to a fraction of days, from its UTC instant).
 */
export function toNumber(v: Value): number {
  const s = single(v);
  if (typeof s === 'number') return s;
  if (typeof s === 'boolean') return s ? 1 : 0;
  if (typeof s === 'string') {
    const t = s.trim();
    if (NUMERIC.test(t)) return Number(t);
    if (t.length >= 10 && t.charCodeAt(4) === 45) {
      const date = parseDate(t);
      if (date && t.length === 10) return date.days;
      const dt = parseDateTime(t);
      if (dt) return dateTimeToDays(dt);
    }
    return NaN;
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
  if (isNodeSet(v)) return v.values.length > 0;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v.length > 0;
  if (isDate(v)) return true;
  return v.length > 0;
}

/** Days since 1970 of a date, a date or dateTime string, or a number of days; NaN otherwise. */
export function toDays(v: Value): number {
  const s = single(v);
  if (isDate(s)) return s.days;
  return toNumber(s);
}

function isDateLike(v: Exclude<Value, XNodeSet>): boolean {
  if (isDate(v)) return true;
  return typeof v === 'string' && v.length >= 10 && (parseDate(v.trim()) !== null || parseDateTime(v.trim()) !== null);
}

/** The values to compare for one side: every value of a node-set (XPath's existential rule), else the value. */
function operands(v: Value): readonly Exclude<Value, XNodeSet>[] {
  if (!isNodeSet(v)) return [v];
  return v.values.map(single);
}

function equalSingle(x: Exclude<Value, XNodeSet>, y: Exclude<Value, XNodeSet>): boolean {
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
 * XPath `=` with ODK's coercions: booleans, then numbers, then dates, then strings. A node-set equals
 * a value when one of its values does (an empty node-set equals nothing; compared with a boolean it
 * is false).
 */
export function valuesEqual(a: Value, b: Value): boolean {
  if (isNodeSet(a) && typeof b === 'boolean') return toBoolean(a) === b;
  if (isNodeSet(b) && typeof a === 'boolean') return toBoolean(b) === a;
  if (!isNodeSet(a) && !isNodeSet(b)) return equalSingle(a, b);
  const xs = operands(a);
  const ys = operands(b);
  return xs.some((x) => ys.some((y) => equalSingle(x, y)));
}

/** XPath `!=`: true when some pair of values differs (so `!=` is not always `not(=)` on node-sets). */
export function valuesDiffer(a: Value, b: Value): boolean {
  if (isNodeSet(a) && typeof b === 'boolean') return toBoolean(a) !== b;
  if (isNodeSet(b) && typeof a === 'boolean') return toBoolean(b) !== a;
  if (!isNodeSet(a) && !isNodeSet(b)) return !equalSingle(a, b);
  const xs = operands(a);
  const ys = operands(b);
  return xs.some((x) => ys.some((y) => !equalSingle(x, y)));
}

function compareSingle(op: '<' | '<=' | '>' | '>=', x: Exclude<Value, XNodeSet>, y: Exclude<Value, XNodeSet>): boolean {
  const asDates = isDate(x) || isDate(y) || (isDateLike(x) && isDateLike(y));
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

/**
 * XPath relational comparison: numbers, except that dates (and two date strings) compare as dates.
 * Anything that is not a number compares false, as in ODK (`'a' < 'b'` is false).
 */
export function compareValues(op: '<' | '<=' | '>' | '>=', a: Value, b: Value): boolean {
  const xs = operands(a);
  const ys = operands(b);
  return xs.some((x) => ys.some((y) => compareSingle(op, x, y)));
}

/** Choice names in a select value (`'a b'` or `['a', 'b']`). */
export function selectedNames(v: Value): readonly string[] {
  const s = single(v);
  if (isMulti(s)) return s;
  const text = toText(s).trim();
  return text === '' ? [] : text.split(/\s+/);
}

/**
 * # Answer values (the `data` of a submission)
 *
 * Answers are keyed by question name. Groups do not nest the answers; a repeat is an array of
 * objects keyed by the names of its questions. Names are unique across the whole form.
 *
 * | question type     | stored value                                              |
 * |-------------------|-----------------------------------------------------------|
 * | text              | string                                                    |
 * | integer           | number (a safe integer)                                   |
 * | decimal           | number (finite)                                           |
 * | date              | string `YYYY-MM-DD` (1900-01-01 to 2100-12-31)            |
 * | select_one        | the choice name, a string                                 |
 * | select_multiple   | array of choice names, in the order selected, no repeats  |
 * | geopoint          | `{ lat, lon, accuracy, altitude? }` (degrees, metres)     |
 * | calculate         | number, string or boolean as computed; dates as `YYYY-MM-DD` |
 * | note, group       | nothing                                                   |
 * | repeat            | array of objects, one per instance                        |
 *
 * An unanswered question has NO key (never `null` or `''`; those are read as unanswered and
 * dropped). `or_other`: the select gets an `other` choice, and the text typed for it is the
 * answer of the question `<name>_other`. Answers to questions that are not relevant are removed.
 */

export interface Geopoint {
  readonly lat: number;
  readonly lon: number;
  readonly accuracy: number;
  readonly altitude?: number;
}

export type Answer = string | number | boolean | readonly string[] | Geopoint;

/** `''`, `null`, `undefined` and `[]` mean "no answer"; arrays and objects are copied. */
export function normalizeAnswer(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.slice();
  if (typeof value === 'object') return { ...(value as object) };
  return value;
}

export function sameAnswer(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (
    typeof a === 'object' &&
    typeof b === 'object' &&
    a !== null &&
    b !== null &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    return ka.length === kb.length && ka.every((k) => ra[k] === rb[k]);
  }
  return false;
}

/** A deep copy of JSON-like answers. */
export function cloneAnswers<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => cloneAnswers(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneAnswers(v);
    return out as T;
  }
  return value;
}

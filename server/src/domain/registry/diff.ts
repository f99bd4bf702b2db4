import { canonicalJson } from '@kusanya/shared/sync/protocol';

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/**
 * Field-level changes from `before` to `after` (flat answer maps): added, changed and cleared fields,
 * in field-name order. Arrays (multiple choices) compare by content.
 */
export function diffValues(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a = before[field];
    const b = after[field];
    if (isEmpty(a) && isEmpty(b)) continue;
    if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) changes.push({ field, old: a ?? null, new: b ?? null });
  }
  return changes;
}

/** Three-way view of one field for a stale revisit: the base the enumerator saw, the registry now, the submission. */
export interface ThreeWayField {
  field: string;
  base: unknown;
  current: unknown;
  proposed: unknown;
  /** Both the registry and the submission changed it since the base, differently. */
  conflict: boolean;
}

export function threeWay(
  base: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>>,
  proposed: Readonly<Record<string, unknown>>,
): ThreeWayField[] {
  const same = (x: unknown, y: unknown) => canonicalJson(x ?? null) === canonicalJson(y ?? null);
  const fields = [...new Set([...Object.keys(base), ...Object.keys(current), ...Object.keys(proposed)])].sort();
  return fields
    .map((field) => {
      const [b, c, p] = [base[field], current[field], proposed[field]];
      return {
        field,
        base: b ?? null,
        current: c ?? null,
        proposed: p ?? null,
        conflict: !same(b, c) && !same(b, p) && !same(c, p),
      };
    })
    .filter((f) => !(same(f.base, f.current) && same(f.current, f.proposed)));
}

/** Answers flattened to paths (`members[1].first_name`), so changes inside a roster show field by field. */
export function flattenAnswers(data: Readonly<Record<string, unknown>>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
      value.forEach((row, i) => Object.assign(out, flattenAnswers(row as Record<string, unknown>, `${path}[${i}]`)));
    } else {
      out[path] = value;
    }
  }
  return out;
}

import type { FormNode } from '@kusanya/schemas';

/** What the `type` cell of a survey row says. */
export type ParsedType =
  | { readonly kind: 'begin'; readonly type: 'group' | 'repeat' }
  | { readonly kind: 'end'; readonly type: 'group' | 'repeat' }
  | { readonly kind: 'question'; readonly type: FormNode['type']; readonly list?: string; readonly orOther?: boolean }
  | { readonly kind: 'metadata'; readonly name: string }
  | { readonly kind: 'error'; readonly message: string };

const SIMPLE: Readonly<Record<string, FormNode['type']>> = {
  text: 'text',
  string: 'text',
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  date: 'date',
  note: 'note',
  calculate: 'calculate',
  geopoint: 'geopoint',
};

/** Device metadata that Kusanya records in the submission envelope (`meta`) instead. */
const METADATA = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'username',
  'phonenumber',
  'simserial',
  'subscriberid',
  'email',
  'audit',
]);

export const SUPPORTED_TYPES =
  'text, integer, decimal, date, select_one LIST, select_multiple LIST (optionally followed by or_other), note, calculate, geopoint, begin/end group, begin/end repeat';

const SELECT =
  /^(select_one|select one|select1|select_multiple|select multiple|select all that apply)(?:\s+(\S+))?(?:\s+(or_other))?$/i;

export function parseType(text: string): ParsedType {
  const t = text.trim().replace(/\s+/g, ' ');
  const lower = t.toLowerCase();
  const container = /^(begin|end)[ _](group|repeat)$/.exec(lower);
  if (container) return { kind: container[1] as 'begin' | 'end', type: container[2] as 'group' | 'repeat' };
  const select = SELECT.exec(t);
  if (select) {
    const kind = select[1]!.toLowerCase();
    const type =
      kind === 'select_one' || kind === 'select one' || kind === 'select1' ? 'select_one' : 'select_multiple';
    if (!select[2]) return { kind: 'error', message: `${type} needs a choice list: '${type} LIST_NAME'` };
    return { kind: 'question', type, list: select[2], ...(select[3] ? { orOther: true } : {}) };
  }
  if (/^select_(one|multiple)_(from_file|external)\b/.test(lower) || /^select_(one|multiple)_from_file/.test(lower)) {
    return {
      kind: 'error',
      message: `'${t}' (choices from a file) is not supported; put the choices in the choices sheet`,
    };
  }
  const simple = SIMPLE[lower];
  if (simple) return { kind: 'question', type: simple };
  if (METADATA.has(lower)) return { kind: 'metadata', name: lower };
  return { kind: 'error', message: `type '${t}' is not supported (supported: ${SUPPORTED_TYPES})` };
}

/**
 * Appearances Kusanya renders, per type. `w1`…`w10` (grid widths) are accepted and dropped.
 * `hidden` (Kusanya extension) keeps a read-only text answer out of sight: e.g. the registry id of a
 * member on a revisit, filled by the device.
 */
export const APPEARANCES: Readonly<Partial<Record<FormNode['type'], readonly string[]>>> = {
  select_one: ['minimal', 'autocomplete', 'horizontal', 'horizontal-compact', 'compact', 'likert', 'quick'],
  select_multiple: ['minimal', 'autocomplete', 'horizontal', 'horizontal-compact', 'compact'],
  text: ['multiline', 'numbers', 'hidden'],
  integer: ['thousands-sep'],
  decimal: ['thousands-sep'],
  date: ['no-calendar'],
  group: ['field-list'],
  repeat: ['field-list'],
};

/** The appearance to keep, or why it cannot be accepted. */
export function checkAppearance(type: FormNode['type'], text: string): { value?: string } | { error: string } {
  const tokens = text.split(/\s+/).filter((w) => w !== '' && !/^w\d+$/i.test(w));
  const allowed = APPEARANCES[type] ?? [];
  const bad = tokens.filter((w) => !allowed.includes(w.toLowerCase()));
  if (bad.length > 0) {
    const list = allowed.length > 0 ? `supported for ${type}: ${allowed.join(', ')}` : `${type} takes no appearance`;
    return { error: `appearance '${bad.join(' ')}' is not supported (${list})` };
  }
  return tokens.length > 0 ? { value: tokens.map((w) => w.toLowerCase()).join(' ') } : {};
}

import type { FormNode } from '@kusanya/schemas';

/**
 * The appearances the tablet renders, per type (the ODK documentation's list of appearances that change
 * what a person sees). Anything else is imported with a warning and the question shows in its usual
 * form — never a refusal.
 */
const SELECT = [
  'minimal',
  'autocomplete',
  'search',
  'quick',
  'compact',
  'quickcompact',
  'columns',
  'columns-pack',
  'horizontal',
  'horizontal-compact',
  'likert',
  'label',
  'list-nolabel',
  'list',
] as const;

const DATE = ['no-calendar', 'month-year', 'year'] as const;

export const RENDERED_APPEARANCES: Readonly<Partial<Record<FormNode['type'], readonly string[]>>> = {
  group: ['field-list', 'table-list'],
  repeat: ['field-list'],
  select_one: [...SELECT],
  select_multiple: [...SELECT.filter((a) => a !== 'quick' && a !== 'quickcompact' && a !== 'likert')],
  rank: [],
  text: ['multiline', 'numbers', 'thousands-sep', 'hidden', 'masked'],
  integer: ['thousands-sep', 'counter'],
  decimal: ['thousands-sep'],
  date: [...DATE],
  dateTime: [...DATE],
  geopoint: ['maps', 'placement-map'],
  geotrace: [],
  geoshape: [],
  image: ['signature', 'draw', 'annotate', 'new', 'selfie', 'new-front'],
  barcode: ['hidden-answer'],
  range: ['vertical', 'no-ticks', 'rating', 'picker'],
};

/** Grid widths (`w2`) and numbered variants (`columns-3`, `compact-2`) count as their appearance. */
function base(token: string): string {
  if (/^w\d+$/.test(token)) return 'w';
  const search = /^search\(/.exec(token);
  if (search) return 'search';
  return token.replace(/-\d+$/, '');
}

/** The tokens of an appearance the tablet does not render (lower-cased). */
export function unrenderedAppearances(type: FormNode['type'], appearance: string): string[] {
  const rendered = RENDERED_APPEARANCES[type] ?? [];
  return tokensOf(appearance).filter((t) => {
    const b = base(t.toLowerCase());
    return b !== 'w' && !rendered.includes(b);
  });
}

/** Splits an appearance into its tokens, keeping `search('file', …)` whole. */
export function tokensOf(appearance: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of appearance.trim()) {
    if (c === '(') depth++;
    if (c === ')') depth = Math.max(0, depth - 1);
    if (/\s/.test(c) && depth === 0) {
      if (current) out.push(current);
      current = '';
    } else current += c;
  }
  if (current) out.push(current);
  return out;
}

/**
 * The function library: every function of the ODK XForms specification ("XPath Functions"), with its
 * number of arguments. Their behaviour lives in `functions/*.ts`, dispatched by `evaluate.ts`.
 */

export interface FunctionSpec {
  readonly min: number;
  readonly max: number;
  /** The result changes from one evaluation to the next (a calculate keeps the value it was given). */
  readonly volatile?: boolean;
  /** The result depends on the date of the day. */
  readonly usesToday?: boolean;
}

const MANY = Number.POSITIVE_INFINITY;

const spec = (min: number, max = min, extra: Partial<FunctionSpec> = {}): FunctionSpec => ({ min, max, ...extra });

export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  // Strings
  ['string', spec(0, 1)],
  ['concat', spec(0, MANY)],
  ['join', spec(1, MANY)],
  ['substr', spec(2, 3)],
  ['substring', spec(2, 3)],
  ['substring-before', spec(2)],
  ['substring-after', spec(2)],
  ['translate', spec(3)],
  ['string-length', spec(0, 1)],
  ['normalize-space', spec(0, 1)],
  ['contains', spec(2)],
  ['starts-with', spec(2)],
  ['ends-with', spec(2)],
  ['uuid', spec(0, 1, { volatile: true })],
  ['digest', spec(2, 3)],
  ['pulldata', spec(4)],
  ['base64-decode', spec(1)],
  // Booleans
  ['if', spec(3)],
  ['coalesce', spec(2, MANY)],
  ['once', spec(1)],
  ['true', spec(0)],
  ['false', spec(0)],
  ['boolean', spec(1)],
  ['boolean-from-string', spec(1)],
  ['not', spec(1)],
  ['regex', spec(2)],
  ['checklist', spec(2, MANY)],
  ['weighted-checklist', spec(2, MANY)],
  // Numbers
  ['number', spec(0, 1)],
  ['random', spec(0, 0, { volatile: true })],
  ['int', spec(1)],
  ['sum', spec(1)],
  ['max', spec(1, MANY)],
  ['min', spec(1, MANY)],
  ['round', spec(1, 2)],
  ['floor', spec(1)],
  ['ceiling', spec(1)],
  ['pow', spec(2)],
  ['log', spec(1)],
  ['log10', spec(1)],
  ['abs', spec(1)],
  ['sin', spec(1)],
  ['cos', spec(1)],
  ['tan', spec(1)],
  ['asin', spec(1)],
  ['acos', spec(1)],
  ['atan', spec(1)],
  ['atan2', spec(2)],
  ['sqrt', spec(1)],
  ['exp', spec(1)],
  ['exp10', spec(1)],
  ['pi', spec(0)],
  // Node-sets
  ['count', spec(1)],
  ['count-non-empty', spec(1)],
  ['position', spec(0, 1)],
  ['last', spec(0)],
  ['name', spec(0, 1)],
  ['local-name', spec(0, 1)],
  ['instance', spec(1)],
  ['current', spec(0)],
  ['randomize', spec(1, 2)],
  // Dates and times
  ['today', spec(0, 0, { usesToday: true })],
  ['now', spec(0, 0, { volatile: true })],
  ['format-date', spec(2)],
  ['format-date-time', spec(2)],
  ['date', spec(1)],
  ['date-time', spec(1)],
  ['decimal-date-time', spec(1)],
  ['decimal-time', spec(1)],
  // Selects
  ['selected', spec(2)],
  ['selected-at', spec(2)],
  ['count-selected', spec(1)],
  ['jr:choice-name', spec(2)],
  // Translations
  ['jr:itext', spec(1)],
  // Repeats
  ['indexed-repeat', spec(3, 7)],
  // Geography
  ['area', spec(1)],
  ['distance', spec(1, MANY)],
  ['geofence', spec(2)],
  // Other
  ['version', spec(0)],
  ['property', spec(1)],
]);

export function describeArity(name: string, s: FunctionSpec): string {
  if (s.max === s.min) return `${name}() takes ${s.min} argument${s.min === 1 ? '' : 's'}`;
  if (s.max === MANY) return `${name}() takes at least ${s.min} argument${s.min === 1 ? '' : 's'}`;
  return `${name}() takes ${s.min} to ${s.max} arguments`;
}

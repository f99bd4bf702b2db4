/**
 * The functions of the supported XLSForm subset and how many arguments each takes.
 * Their behaviour lives in `evaluate.ts`.
 */

export interface FunctionSpec {
  readonly min: number;
  readonly max: number;
  /** The arguments may be references into a repeat (one value per instance). */
  readonly acceptsNodeSets?: boolean;
  /** Zero arguments means "the current question's value" (`string-length()`). */
  readonly defaultsToCurrent?: boolean;
  /** Only `position(..)`: the argument must be `..`. */
  readonly takesParent?: boolean;
}

const MANY = Number.POSITIVE_INFINITY;

export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ['selected', { min: 2, max: 2 }],
  ['count-selected', { min: 1, max: 1 }],
  ['if', { min: 3, max: 3 }],
  ['concat', { min: 0, max: MANY }],
  ['string-length', { min: 0, max: 1, defaultsToCurrent: true }],
  ['regex', { min: 2, max: 2 }],
  ['today', { min: 0, max: 0 }],
  ['coalesce', { min: 2, max: 2 }],
  ['int', { min: 1, max: 1 }],
  ['round', { min: 1, max: 2 }],
  ['sum', { min: 1, max: 1, acceptsNodeSets: true }],
  ['count', { min: 1, max: 1, acceptsNodeSets: true }],
  ['position', { min: 1, max: 1, takesParent: true }],
  ['true', { min: 0, max: 0 }],
  ['false', { min: 0, max: 0 }],
  ['not', { min: 1, max: 1 }],
  ['boolean', { min: 1, max: 1 }],
  ['number', { min: 1, max: 1 }],
  ['string', { min: 1, max: 1 }],
  ['date', { min: 1, max: 1 }],
]);

/** ODK functions that exist elsewhere but not here: named in the error so authors know why. */
export const ODK_ONLY_FUNCTIONS: ReadonlySet<string> = new Set([
  'indexed-repeat',
  'jr:choice-name',
  'pulldata',
  'once',
  'uuid',
  'now',
  'format-date',
  'format-date-time',
  'decimal-date-time',
  'date-time',
  'substr',
  'substring',
  'substring-before',
  'substring-after',
  'contains',
  'starts-with',
  'ends-with',
  'normalize-space',
  'translate',
  'join',
  'selected-at',
  'boolean-from-string',
  'min',
  'max',
  'abs',
  'pow',
  'floor',
  'ceiling',
  'random',
  'last',
  'instance',
  'current',
  'distance',
  'area',
  'digest',
  'base64-decode',
  'version',
  'property',
]);

export function describeArity(name: string, spec: FunctionSpec): string {
  if (spec.max === spec.min) return `${name}() takes ${spec.min} argument${spec.min === 1 ? '' : 's'}`;
  if (spec.max === MANY) return `${name}() takes at least ${spec.min} argument${spec.min === 1 ? '' : 's'}`;
  return `${name}() takes ${spec.min} to ${spec.max} arguments`;
}

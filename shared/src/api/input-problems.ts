import { roles, type FieldError } from '@kusanya/schemas';

/**
 * The catalogue of problems the server finds in a request's input (an error's `details`, DESIGN.md §3): each
 * carries a `code` and its `details` so that the app words it in the person's language (`problem.<code>` in the
 * app's messages, checked by its catalogue test); `message` is the English wording, for other clients. Problems
 * found by the JSON Schema validator get the code of their keyword (`SCHEMA_KEYWORD_PROBLEMS`).
 */
export interface InputProblemDetails {
  'password-too-short': { min: number };
  'password-too-long': { max: number };
  'password-is-username': Record<string, never>;
  'password-common': Record<string, never>;
  'password-repeated': Record<string, never>;
  'username-format': Record<string, never>;
  'role-unknown': { role: string };
  'areas-empty': Record<string, never>;
  'area-unknown': { area: string };
  'area-outside': { area: string };
  /** The JSON Schema validator's findings, by keyword. */
  required: Record<string, never>;
  'too-short': { limit: number };
  'too-long': { limit: number };
  'too-few': { limit: number };
  'too-many': { limit: number };
  'too-small': { limit: number };
  'too-large': { limit: number };
  'not-allowed': Record<string, never>;
  'wrong-format': Record<string, never>;
  'unexpected-field': { field: string };
  invalid: Record<string, never>;
}

export type InputProblemCode = keyof InputProblemDetails;

const ENGLISH: { [C in InputProblemCode]: (d: InputProblemDetails[C]) => string } = {
  'password-too-short': (d) => `Use at least ${d.min} characters (a short sentence is easy to remember).`,
  'password-too-long': (d) => `Use at most ${d.max} characters.`,
  'password-is-username': () => 'The password must not be the username.',
  'password-common': () => 'This password is too common; choose another one.',
  'password-repeated': () => 'The password must not be one character repeated.',
  'username-format': () => 'Use 2–64 letters, digits, ".", "_" or "-", starting with a letter or digit.',
  'role-unknown': () => `Role must be one of ${roles.join(', ')}.`,
  'areas-empty': () => 'Assign at least one area.',
  'area-unknown': (d) => `Unknown area ${d.area}.`,
  'area-outside': (d) => `${d.area} is outside your areas`,
  required: () => 'is required',
  'too-short': (d) => `must have at least ${d.limit} characters`,
  'too-long': (d) => `must have at most ${d.limit} characters`,
  'too-few': (d) => `must have at least ${d.limit} items`,
  'too-many': (d) => `must have at most ${d.limit} items`,
  'too-small': (d) => `must be at least ${d.limit}`,
  'too-large': (d) => `must be at most ${d.limit}`,
  'not-allowed': () => 'is not one of the allowed values',
  'wrong-format': () => 'is not in the expected format',
  'unexpected-field': (d) => `${d.field} is not expected here`,
  invalid: () => 'is not valid',
};

/** One catalogued problem with the input at `path`, with its English message. */
export function inputProblem<C extends InputProblemCode>(
  code: C,
  path: string,
  details: InputProblemDetails[C],
): FieldError {
  return Object.keys(details).length > 0
    ? { path, code, message: ENGLISH[code](details), details: { ...details } }
    : { path, code, message: ENGLISH[code](details) };
}

export const INPUT_PROBLEM_CODES = Object.keys(ENGLISH) as InputProblemCode[];

/** A JSON Schema keyword's problem code, and which of its parameters the words use. */
const KEYWORDS: Record<string, { code: InputProblemCode; param?: string }> = {
  required: { code: 'required' },
  minLength: { code: 'too-short', param: 'limit' },
  maxLength: { code: 'too-long', param: 'limit' },
  minItems: { code: 'too-few', param: 'limit' },
  maxItems: { code: 'too-many', param: 'limit' },
  minimum: { code: 'too-small', param: 'limit' },
  maximum: { code: 'too-large', param: 'limit' },
  enum: { code: 'not-allowed' },
  const: { code: 'not-allowed' },
  pattern: { code: 'wrong-format' },
  format: { code: 'wrong-format' },
  type: { code: 'wrong-format' },
  additionalProperties: { code: 'unexpected-field', param: 'additionalProperty' },
};

/** The catalogued problem of one JSON Schema validator finding (`path` already worked out by the caller). */
export function schemaProblem(path: string, keyword: string, params: Record<string, unknown>): FieldError {
  const known = KEYWORDS[keyword];
  if (!known) return inputProblem('invalid', path, {});
  const value = known.param === undefined ? undefined : params[known.param];
  if (known.code === 'unexpected-field') return inputProblem('unexpected-field', path, { field: String(value) });
  if (typeof value === 'number') return inputProblem(known.code as 'too-short', path, { limit: value });
  return inputProblem(known.code as 'required', path, {});
}

/**
 * How the API contract is written: each route's method, path, parameters, query, body and responses (with the
 * error codes it answers) declared once, as data. The server registers its routes from these declarations
 * (server/src/plugins/contract.ts), its OpenAPI document comes from them, and the types of a route's inputs and
 * outputs are derived from them (`RouteTypes`).
 */
import { errorBodySchema } from '../schemas/common.js';

/** HEAD is declared only where a protocol needs its own (tus); every GET also answers HEAD by itself. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A JSON Schema as the contract holds it: a schema of `schemas/` (by its `$id`) or an inline one. */
export type ContractSchema =
  { readonly $id: string } | { readonly type: unknown } | { readonly [key: string]: unknown };

export interface RouteContract {
  readonly method: HttpMethod;
  readonly url: string;
  readonly tags?: readonly string[];
  readonly summary?: string;
  readonly description?: string;
  readonly params?: ContractSchema;
  readonly querystring?: ContractSchema;
  readonly body?: ContractSchema;
  /** Every answer by status code: the successes and the errors (each `{error: {code, message, details}}`). */
  readonly response: { readonly [status: number]: ContractSchema };
  readonly [key: string]: unknown;
}

/** Declares a route; the literal types are kept so its request and reply types can be derived. */
export const defineRoute = <const C extends RouteContract>(route: C): C => route;

/** A schema of `schemas/` used in a route (the server registers it as a `$ref`). */
export const ref = <S extends { readonly $id: string }>(schema: S): S => schema;

/** The error answers of a route: each code answers the one error body. */
export const errors = <const C extends number>(...codes: C[]) =>
  Object.fromEntries(codes.map((c) => [c, errorBodySchema])) as { [K in C]: typeof errorBodySchema };

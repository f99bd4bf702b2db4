import type { SchemaTypesById } from '../generated/types.js';
import type { RouteContract } from './define.js';

type Required_<S> = S extends { readonly required: readonly (infer R)[] } ? R : never;
type ObjectOf<P, R> = { -readonly [K in keyof P as K extends R ? K : never]: Static<P[K]> } & {
  -readonly [K in keyof P as K extends R ? never : K]?: Static<P[K]>;
} extends infer O
  ? { [K in keyof O]: O[K] }
  : never;
type Primitive<T> = T extends 'string'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : T extends 'object'
          ? Record<string, unknown>
          : T extends 'array'
            ? unknown[]
            : unknown;

/** A file answered as it is (a download): text, bytes or a stream of them. */
export type Binary = string | Uint8Array | { pipe(destination: never): unknown };

/**
 * The TypeScript type of a contract schema: a schema of `schemas/` is its generated type (looked up by `$id`, so
 * it is exactly the type every other module uses); an inline one (path parameters, small answers) is read
 * structurally.
 */
export type Static<S> = S extends { readonly $id: infer I }
  ? I extends keyof SchemaTypesById
    ? SchemaTypesById[I]
    : unknown
  : S extends { readonly type: 'string'; readonly format: 'binary' }
    ? Binary
    : S extends { readonly enum: readonly (infer E)[] }
      ? E
      : S extends { readonly type: 'object'; readonly properties: infer P }
        ? ObjectOf<P, Required_<S>>
        : S extends { readonly type: 'array'; readonly items: infer I }
          ? Static<I>[]
          : S extends { readonly type: readonly (infer T)[] }
            ? Primitive<T>
            : S extends { readonly type: infer T }
              ? Primitive<T>
              : unknown;

type Field<C, K extends string> = C extends { readonly [P in K]: infer S } ? Static<S> : unknown;
type Successes<R> = { [K in keyof R]: K extends 200 | 201 | 202 | 204 | 206 ? Static<R[K]> : never }[keyof R];

/** A route's types, derived from its declaration: what Fastify checks the handler against. */
export interface RouteTypes<C extends RouteContract> {
  Params: Field<C, 'params'>;
  Querystring: Field<C, 'querystring'>;
  Body: Field<C, 'body'>;
  Reply: Successes<C['response']>;
}

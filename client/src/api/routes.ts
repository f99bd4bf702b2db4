import type { apiContract, RouteContract, RouteTypes } from '@kusanya/schemas';

/**
 * The API routes the app calls, by method and path template ("GET /api/review/queue"), with their query, body and
 * answer types derived from the contract (schemas/src/contract: the declarations the server registers its routes
 * from). There is no second list: a route the contract does not declare cannot be called through `api/client.ts`,
 * and a field the server does not declare cannot be sent or read.
 */
type Modules = typeof apiContract;
type Declared = Extract<{ [M in keyof Modules]: Modules[M][keyof Modules[M]] }[keyof Modules], RouteContract>;
type Inputs<T, K extends string> = unknown extends T ? unknown : { [P in K]: T };
export type Routes = {
  [C in Declared as `${C['method']} ${C['url']}`]: { response: RouteTypes<C>['Reply'] } & Inputs<
    RouteTypes<C>['Querystring'],
    'query'
  > &
    Inputs<RouteTypes<C>['Body'], 'body'>;
};

export type Route = keyof Routes;
export type GetRoute = { [R in Route]: R extends `GET ${string}` ? R : never }[Route];

/** `:name` segments of a path template. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
type PathOf<R extends Route> = R extends `${string} ${infer P}` ? P : never;

export type ResponseOf<R extends Route> = Routes[R]['response'];
type QueryOf<R extends Route> = Routes[R] extends { query: infer Q } ? Q : never;
type BodyOf<R extends Route> = Routes[R] extends { body: infer B } ? B : never;

/**
 * A query's fields by name; values may also be the text read from the address bar (the server checks them
 * against the query schema), so a misspelt field fails to compile while a filter kept in the URL passes as is.
 */
type QueryArgs<Q> = { [K in keyof Q]?: Q[K] | string | readonly string[] | null };

/** What a call to `R` needs: its path parameters, its query (optional fields), its body. */
export type CallArgs<R extends Route> = ([ParamNames<PathOf<R>>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamNames<PathOf<R>>, string> }) &
  ([QueryOf<R>] extends [never] ? { query?: undefined } : { query?: QueryArgs<QueryOf<R>> }) &
  ([BodyOf<R>] extends [never] ? { body?: undefined } : { body: BodyOf<R> });

type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** A query string from the set values only. */
export function query(params: Record<string, QueryValue> | object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params) as [string, QueryValue][]) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) search.append(key, v);
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The method and URL of a call: parameters encoded into the path, the query appended. */
export function requestLine<R extends Route>(route: R, args: { params?: object; query?: object } = {}) {
  const space = route.indexOf(' ');
  const method = route.slice(0, space) as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const params = (args.params ?? {}) as Record<string, string>;
  const path = route.slice(space + 1).replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route}: missing parameter ${name}`);
    return encodeURIComponent(value);
  });
  return { method, url: path + query(args.query ?? {}) };
}

/**
 * Typed calls of the API, derived from the contract (schemas/src/contract): the path is built from the declared
 * route and its parameters, and the body, query and answer types are the contract's, so a screen cannot send or
 * read a field the server does not declare. `apiContract.review.getReviewQueue` etc. name the routes.
 *
 *   const queue = await callApi(apiContract.review.getReviewQueue, { token, query: { status: 'returned' } });
 */
import type { RouteContract, RouteTypes } from '@kusanya/schemas';
import { apiRequest } from './http.js';

type Provided<T, K extends string> = unknown extends T ? { [P in K]?: never } : { [P in K]: T };

/** What a call needs besides the route: its parameters, query and body when the route declares them. */
export type CallInput<C extends RouteContract> = { token?: string | null; signal?: AbortSignal } & Provided<
  RouteTypes<C>['Params'],
  'params'
> &
  Provided<RouteTypes<C>['Querystring'], 'query'> &
  Provided<RouteTypes<C>['Body'], 'body'>;

/** The path of a route with its `:name` parameters filled in (encoded) and its query string. */
export function routePath(url: string, params: object = {}, query: object = {}): string {
  const values = params as Record<string, unknown>;
  const path = url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined || value === null) throw new Error(`Missing route parameter "${name}" for ${url}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Calls a route of the contract; throws ApiError (with the server's error code) or NetworkError. */
export function callApi<C extends RouteContract>(route: C, input: CallInput<C>): Promise<RouteTypes<C>['Reply']> {
  const { params, query, body, token, signal } = input as {
    params?: object;
    query?: object;
    body?: unknown;
    token?: string | null;
    signal?: AbortSignal;
  };
  return apiRequest<RouteTypes<C>['Reply']>(routePath(route.url, params, query), {
    method: route.method,
    token: token ?? null,
    ...(body === undefined ? {} : { body }),
    ...(signal ? { signal } : {}),
  });
}

import type { ContractSchema, RouteContract, RouteTypes } from '@kusanya/schemas';
import type { FastifyInstance, RouteHandlerMethod, RouteShorthandOptions } from 'fastify';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Route options that are the server's business, not the contract's (roles, audit, body limit, rate limit…). */
export type RouteOptions = Omit<RouteShorthandOptions, 'schema'>;

type Handler<C extends RouteContract> = RouteHandlerMethod<Server, IncomingMessage, ServerResponse, RouteTypes<C>>;

/** A schema of `schemas/` (registered with the server by its `$id`) becomes a `$ref`; inline ones stay. */
function asRegistered(schema: ContractSchema): object {
  return '$id' in schema && typeof schema.$id === 'string' ? { $ref: `${schema.$id}#` } : schema;
}

/** The Fastify schema of a route: its declaration without method and path, with the shared schemas as `$ref`s. */
export function fastifySchema(contract: RouteContract): Record<string, unknown> {
  const { method: _method, url: _url, alsoWithTrailingSlash: _slash, response, ...rest } = contract;
  const schema: Record<string, unknown> = { ...rest };
  for (const part of ['params', 'querystring', 'body'] as const) {
    const declared = contract[part];
    if (declared) schema[part] = asRegistered(declared);
  }
  schema['response'] = Object.fromEntries(Object.entries(response).map(([code, s]) => [code, asRegistered(s)]));
  return schema;
}

/** The paths a declared route answers on (Kobo's routes answer with and without the trailing slash). */
export const contractUrls = (contract: RouteContract): string[] =>
  contract['alsoWithTrailingSlash'] === true ? [contract.url, `${contract.url}/`] : [contract.url];

/**
 * Registers a route of the API contract (schemas/src/contract): method, path and schemas come from its
 * declaration, and the handler's request and reply types are derived from it, so a handler cannot read a field
 * the contract does not declare nor answer a shape it does not promise.
 */
export function route<C extends RouteContract>(
  app: FastifyInstance,
  contract: C,
  options: RouteOptions,
  handler: Handler<C>,
): void {
  const schema = fastifySchema(contract);
  for (const url of contractUrls(contract)) {
    app.route({ ...options, method: contract.method, url, schema, handler: handler as RouteHandlerMethod });
  }
}

import type { FastifyInstance, RouteOptions } from 'fastify';

/** One registered route, as the policy and leak tests and the docs see it. */
export interface RouteEntry {
  method: string;
  url: string;
  public: boolean;
  /** Called by other systems with an API token (Kobo's data API). */
  apiToken: boolean;
  roles: readonly string[];
  /** Largest body accepted, in bytes (the route's own limit or the server's). */
  bodyLimit: number;
  /** The JSON Schemas of its path parameters and query string, as declared (a `$ref` stays a `$ref`). */
  params: unknown;
  querystring: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on this app (filled as routes are added): "a new route cannot escape". */
    routeTable: RouteEntry[];
  }
}

/** Records every route as it is added. Install before registering any route. */
export function installRouteTable(app: FastifyInstance, defaultBodyLimit: number): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      table.push({
        method: String(method).toUpperCase(),
        url: route.url,
        public: route.config?.public === true,
        apiToken: route.config?.apiToken === true,
        roles: route.config?.roles ?? [],
        bodyLimit: route.bodyLimit ?? defaultBodyLimit,
        params: route.schema?.params ?? null,
        querystring: route.schema?.querystring ?? null,
      });
    }
  });
}

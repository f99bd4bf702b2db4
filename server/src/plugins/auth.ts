import type { User } from '@kusanya/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { Authenticated, AuthService } from '../usecases/auth.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a token (login, health). */
    public?: boolean;
    /** Roles allowed to call the route. Every /api route must declare `public`, `roles` or `apiToken`. */
    roles?: readonly User['role'][];
    /** Called by other systems with `Authorization: Token <key>` (Kobo's data API); the route checks the token. */
    apiToken?: boolean;
  }
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

/** The caller of a route that declared `roles` (the hook has already checked the token). */
export function caller(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new AppError('unauthenticated', 'Log in to continue.');
  return request.auth;
}

/** The OpenAPI document and its UI are public: outside clients read them. */
const isDocs = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

/**
 * Default-deny authentication: every /api route must say who may call it, or the app refuses
 * to start. The server enforces scope on every route; the UI only hides what is forbidden here.
 */
export function installAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('auth', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || isDocs(route.url)) return;
    const config = route.config ?? {};
    if (!config.public && !config.apiToken && !(config.roles && config.roles.length > 0)) {
      throw new Error(`Route ${route.method} ${route.url} must declare config.public, config.roles or config.apiToken`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    const config = request.routeOptions.config;
    if (!url?.startsWith('/api/') || isDocs(url) || config.public || config.apiToken) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
    if (!match) throw new AppError('unauthenticated', 'Log in to continue: this request has no valid bearer token.');
    const authenticated = auth.authenticate(match[1]!);
    // Known before the role check, so a refused request is audited with who tried.
    request.auth = authenticated;
    if (!config.roles?.includes(authenticated.user.role)) {
      throw new AppError('forbidden', 'Your role does not allow this.');
    }
  });
}

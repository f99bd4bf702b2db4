import type { FastifyInstance } from 'fastify';
import { APP_VERSION_HEADER, QUEUE_HEADER } from '@kusanya/shared/sync/protocol';

const ALLOWED_HEADERS = ['authorization', 'content-type', APP_VERSION_HEADER, QUEUE_HEADER].join(', ');
const ALLOWED_METHODS = 'GET, POST, PATCH, PUT, DELETE';

/**
 * CORS is closed by default: no Access-Control-Allow-Origin is ever sent, so browsers refuse other sites'
 * scripts any answer. CORS_ORIGINS lists exact origins allowed to call the API (e.g. an MIS dashboard on
 * another host); they get their origin echoed and preflights answered. Tokens travel in a header, never
 * in cookies, so credentials are not allowed either way.
 */
export function installCors(app: FastifyInstance, origins: readonly string[]): void {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !allowed.has(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      reply.header('access-control-allow-methods', ALLOWED_METHODS);
      reply.header('access-control-allow-headers', ALLOWED_HEADERS);
      reply.header('access-control-max-age', '600');
      return reply.status(204).send();
    }
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The app's Content-Security-Policy: everything from this origin only, no inline scripts, no eval, no
 * plugins, no framing. React sets styles through the CSSOM (allowed without 'unsafe-inline'); the service
 * worker is registered from the bundle (no inline registration script); the precompiled validators need no eval.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** API answers are data, never documents: nothing may load from them and nothing may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const HSTS = 'max-age=31536000; includeSubDomains';

const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

function secure(request: FastifyRequest, reply: FastifyReply) {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header(
    'permissions-policy',
    'camera=(self), geolocation=(self), microphone=(), payment=(), usb=(), interest-cohort=()',
  );
  // The API docs set their own (hash-based) policy; everything else gets ours.
  if (!reply.hasHeader('content-security-policy')) {
    reply.header('content-security-policy', isApi(request.url) ? API_CSP : APP_CSP);
  }
  // Only over TLS (directly or, with TRUST_PROXY, through a proxy that says so): HSTS over plain HTTP is ignored
  // by browsers and would only confuse a local test.
  if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
}

/** Security headers on every answer: API, app shell, assets, service worker, errors. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    secure(request, reply);
    return payload;
  });
}

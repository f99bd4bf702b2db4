import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** OpenAPI document at /api/docs/json and its UI at /api/docs (public: outside clients read it). */
export async function installDocs(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Kusanya API',
        version: '1',
        description:
          'Offline-first collection and registry API. Authenticate with `POST /api/auth/login`, then send ' +
          '`Authorization: Bearer <token>`. Every error is `{error: {code, message, details?}}`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json['title'] ?? `def-${i}`) },
  });
  // swagger-ui's own policy, tightened: no framing, no third-party validator badge, no upgrade-insecure-requests
  // (which would break the docs on a plain-HTTP local install). Scripts stay 'self' only; swagger-ui sets inline
  // styles, so this page (and only this page) allows inline styles.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (header) =>
      header
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace(' validator.swagger.io', '')
        .replace(' upgrade-insecure-requests;', '')
        .replace(/ https:/g, '')
        .replace(/style-src 'self'[^;]*;/, "style-src 'self' 'unsafe-inline';"),
    uiConfig: { validatorUrl: null },
  });
}

import { apiRoutes } from '@kusanya/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractUrls } from '../src/plugins/contract.js';
import { startTestServer, type TestServer } from './helpers.js';

/** Routes of the framework's plugins, not of the API (the OpenAPI UI and its assets). */
const FRAMEWORK = (url: string) => url.startsWith('/api/docs');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the server serves the API contract (schemas/src/contract)', () => {
  const declared = apiRoutes.flatMap((r) => contractUrls(r).map((url) => `${r.method} ${url}`)).sort();

  it('registers exactly the declared routes: none missing, none undeclared', () => {
    // Every GET answers HEAD by itself (Fastify adds that route); a HEAD of its own is declared (tus uploads).
    const gets = new Set(server.app.routeTable.filter((r) => r.method === 'GET').map((r) => r.url));
    const registered = server.app.routeTable
      .filter((r) => r.url.startsWith('/api') && !FRAMEWORK(r.url) && !(r.method === 'HEAD' && gets.has(r.url)))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(registered).toEqual(declared);
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('publishes the same routes in its OpenAPI document, with their error answers', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/docs/json' });
    const doc = res.json<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
      )
      .filter((r) => !FRAMEWORK(r.split(' ')[1]!))
      .sort();
    expect(documented).toEqual(declared);
    const decision = apiRoutes.find((r) => r.url === '/api/review/submissions/:id/decision')!;
    const answers = doc.paths['/api/review/submissions/{id}/decision']!['post']!.responses;
    expect(Object.keys(answers).sort()).toEqual(Object.keys(decision.response).sort());
  });
});

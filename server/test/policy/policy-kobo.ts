/**
 * Access policy of Kobo's data API and of API tokens (issue 16, DESIGN.md §8). Kobo's API is for other
 * systems with an API token (`Authorization: Token …`): a person's login token is never one, so every user
 * gets 401 there (kobo-api.test.ts covers the token cases). API tokens are managed by admins. Part of POLICY.
 */
import { expect } from 'vitest';
import type { Role } from './fixtures.js';
import { get, post, type Policy } from './policy-kit.js';

const ADMIN: readonly Role[] = ['admin'];
const ASSET = 'atpoVbHXZCdLD9ETHTv6z4';
const ATTACHMENT = `/api/v2/assets/${ASSET}/data/1/attachments/attAbCdEfGhIjKlMnOpQrStUv`;

const tokenOnly = (url: string): Policy => ({ allow: 'api-token', scope: 'none', request: get(url) });

export const KOBO_POLICY: Record<string, Policy> = {
  'GET /api/v2/assets': tokenOnly('/api/v2/assets'),
  'GET /api/v2/assets/': tokenOnly('/api/v2/assets/'),
  'GET /api/v2/assets/:uid': tokenOnly(`/api/v2/assets/${ASSET}`),
  'GET /api/v2/assets/:uid/': tokenOnly(`/api/v2/assets/${ASSET}/`),
  'GET /api/v2/assets/:uid/data': tokenOnly(`/api/v2/assets/${ASSET}/data?format=json`),
  'GET /api/v2/assets/:uid/data/': tokenOnly(`/api/v2/assets/${ASSET}/data/?format=json`),
  // A record's attachment, as its `_attachments[].download_url` names it (kobo-media.test.ts covers the token cases).
  'GET /api/v2/assets/:uid/data/:id/attachments/:attachment': tokenOnly(`${ATTACHMENT}`),
  'GET /api/v2/assets/:uid/data/:id/attachments/:attachment/': tokenOnly(`${ATTACHMENT}/`),
  'GET /api/v2/assets/:uid/data/:id/attachments/:attachment/:size': tokenOnly(`${ATTACHMENT}/small`),
  'GET /api/v2/assets/:uid/data/:id/attachments/:attachment/:size/': tokenOnly(`${ATTACHMENT}/medium/`),

  'GET /api/admin/api-tokens': {
    allow: ADMIN,
    scope: 'none',
    request: get('/api/admin/api-tokens'),
    // Never the tokens themselves.
    check: (res) => expect(res.body).not.toMatch(/token_?hash|"token"\s*:/i),
  },
  // A token without areas reads the whole country: an administrator of other areas may not give or revoke one.
  'POST /api/admin/api-tokens': {
    allow: ADMIN,
    scope: 'capture',
    request: (_f, _a, n) => post('/api/admin/api-tokens', { name: `policy-${n}`, assets: [ASSET] })(),
  },
  'POST /api/admin/api-tokens/:name/revoke': {
    allow: ADMIN,
    scope: 'capture',
    request: async (f, _a, n) => {
      const ctx = f.server.app.ctx;
      const { createApiToken } = await import('../../src/usecases/kobo/api-tokens.js');
      createApiToken(
        { tokens: ctx.apiTokens, assetUids: () => [ASSET], locations: ctx.locationTree },
        { name: `revoke-${n}`, assets: [ASSET] },
        'policy',
      );
      return post(`/api/admin/api-tokens/revoke-${n}/revoke`)();
    },
  },
};

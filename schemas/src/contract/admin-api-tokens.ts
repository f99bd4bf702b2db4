/** The API contract: admin api tokens routes (server/src/routes/admin/api-tokens.ts). */
import {
  apiTokenCreateRequestSchema,
  apiTokenCreateResponseSchema,
  apiTokenListSchema,
  apiTokenNameParamsSchema,
  apiTokenSchema,
} from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

export const getAdminApiTokens = defineRoute({
  method: 'GET',
  url: '/api/admin/api-tokens',
  tags: ['admin'],
  summary: 'API tokens of other systems (never the tokens themselves), and the Kobo assets they may read',
  response: { 200: ref(apiTokenListSchema), ...errors(401, 403) },
});

export const postAdminApiTokens = defineRoute({
  method: 'POST',
  url: '/api/admin/api-tokens',
  tags: ['admin'],
  summary: 'Create a read-only token for some Kobo assets (and areas); the token is shown only in this answer',
  body: ref(apiTokenCreateRequestSchema),
  response: { 200: ref(apiTokenCreateResponseSchema), ...errors(400, 401, 403) },
});

export const postAdminApiTokensByNameRevoke = defineRoute({
  method: 'POST',
  url: '/api/admin/api-tokens/:name/revoke',
  tags: ['admin'],
  summary: 'Revoke a token: the system using it is refused from now on',
  params: ref(apiTokenNameParamsSchema),
  response: { 200: ref(apiTokenSchema), ...errors(401, 403, 404) },
});

import {
  apiTokenCreateRequestSchema,
  apiTokenCreateResponseSchema,
  apiTokenListSchema,
  apiTokenNameParamsSchema,
  apiTokenSchema,
  type ApiTokenCreateRequest,
} from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { caller } from '../../plugins/auth.js';
import { audited, noteAudit } from '../../plugins/audit.js';
import { createApiToken, managesApiToken, revokeApiToken } from '../../services/kobo/api-tokens.js';
import { ADMIN, errors, ref } from './common.js';

/** API tokens for other systems (the MIS reading Kobo's data API): create (shown once), list, revoke. */
export async function adminApiTokenRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const deps = {
    tokens: ctx.apiTokens,
    assetUids: () => ctx.koboAssets.list().map((a) => a.uid),
    locations: ctx.locationTree,
  };

  app.get(
    '/api/admin/api-tokens',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary: 'API tokens of other systems (never the tokens themselves), and the Kobo assets they may read',
        response: { 200: ref(apiTokenListSchema), ...errors(401, 403) },
      },
    },
    async (request) => ({
      // An administrator lists the tokens they manage (those reading within their areas).
      tokens: ctx.apiTokens.list().filter((t) => managesApiToken(ctx.locationTree(), caller(request).user, t)),
      assets: ctx.koboAssets.list().map((a) => ({ uid: a.uid, name: a.name, formId: a.formId })),
    }),
  );

  app.post<{ Body: ApiTokenCreateRequest }>(
    '/api/admin/api-tokens',
    {
      config: { ...ADMIN, audit: 'api-token.create' },
      schema: {
        tags: ['admin'],
        summary: 'Create a read-only token for some Kobo assets (and areas); the token is shown only in this answer',
        body: ref(apiTokenCreateRequestSchema),
        response: { 200: ref(apiTokenCreateResponseSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      noteAudit(request, {
        target: request.body.name,
        details: { assets: request.body.assets, areas: request.body.areas ?? null },
      });
      const { user } = caller(request);
      return audited(request, () => createApiToken(deps, request.body, user.username, user));
    },
  );

  app.post<{ Params: { name: string } }>(
    '/api/admin/api-tokens/:name/revoke',
    {
      config: { ...ADMIN, audit: 'api-token.revoke' },
      schema: {
        tags: ['admin'],
        summary: 'Revoke a token: the system using it is refused from now on',
        params: ref(apiTokenNameParamsSchema),
        response: { 200: ref(apiTokenSchema), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      noteAudit(request, { target: request.params.name });
      const { user } = caller(request);
      return audited(request, () => revokeApiToken(deps, request.params.name, user.username, user));
    },
  );
}

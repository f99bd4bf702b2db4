import {
  errorBodySchema,
  koboAssetListSchema,
  koboAssetParamsSchema,
  koboAssetSchema,
  koboDataPageSchema,
  koboDataQuerySchema,
  type ApiToken,
  type KoboDataQuery,
} from '@kusanya/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { audit, noteAudit } from '../plugins/audit.js';
import { authenticateApiToken } from '../usecases/kobo/api-tokens.js';

const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ref(errorBodySchema)]));
const TAGS = ['kobo'];

/**
 * KoboToolbox's REST API v2, served by Kusanya for the forms it replaces (DESIGN.md §8,
 * kobo-mis-contract.md): the MIS changes its base URL and token and nothing else. Other systems call it
 * with `Authorization: Token <key>` (npm run cli -- api-token add); every read is audited.
 */
export async function koboApiRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const tokenOf = (request: FastifyRequest): ApiToken => {
    const token = authenticateApiToken({ tokens: ctx.apiTokens }, request.headers.authorization);
    noteAudit(request, { actor: `api-token:${token.name}`, actorId: token.id, role: 'api-token' });
    // "Last used" to the minute: a pull of 500 pages writes it once, not 500 times (each read is audited anyway).
    const now = Date.now();
    if (!token.lastUsedAt || now - Date.parse(token.lastUsedAt) > 60_000)
      ctx.apiTokens.markUsed(token.id, new Date(now).toISOString());
    return token;
  };
  const base = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
  // Kobo answers with and without the trailing slash; the MIS asks for ".../data" without it.
  const both = (path: string) => [path, `${path}/`];

  for (const url of both('/api/v2/assets')) {
    app.get(
      url,
      {
        config: { apiToken: true },
        schema: {
          tags: TAGS,
          summary: 'The Kobo assets this token may read (Kobo’s asset list)',
          response: { 200: ref(koboAssetListSchema), ...errors(401) },
        },
      },
      async (request) => ctx.koboData.listAssets(tokenOf(request), base(request)),
    );
  }

  for (const url of both('/api/v2/assets/:uid')) {
    app.get<{ Params: { uid: string } }>(
      url,
      {
        config: { apiToken: true },
        schema: {
          tags: TAGS,
          summary: 'One Kobo asset: name, submission count, data URL',
          params: ref(koboAssetParamsSchema),
          response: { 200: ref(koboAssetSchema), ...errors(401, 403, 404) },
        },
      },
      async (request) => ctx.koboData.asset(request.params.uid, tokenOf(request), base(request)),
    );
  }

  for (const url of both('/api/v2/assets/:uid/data')) {
    app.get<{ Params: { uid: string }; Querystring: KoboDataQuery }>(
      url,
      {
        config: { apiToken: true },
        schema: {
          tags: TAGS,
          summary: 'The records of a Kobo asset, in Kobo’s shape and paging (limit/start, absolute next/previous)',
          description:
            'Kobo’s defaults: 100 records a page, at most 1,000. `next` carries its own query string; follow it until it is null.',
          params: ref(koboAssetParamsSchema),
          querystring: ref(koboDataQuerySchema),
          response: { 200: ref(koboDataPageSchema), ...errors(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const token = tokenOf(request);
        try {
          return ctx.koboData.data(request.params.uid, token, request.query, base(request), (details) =>
            audit(request, 'kobo.data.read', details, { target: request.params.uid }),
          );
        } catch (error) {
          // A token asking for what it may not read is recorded too.
          if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'not-found'))
            audit(
              request,
              'kobo.data.read',
              { asset: request.params.uid },
              { target: request.params.uid, outcome: 'denied' },
            );
          throw error;
        }
      },
    );
  }
}

import * as contract from '@kusanya/schemas/contract/admin-api-tokens';
import { route } from '../../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import { caller } from '../../plugins/auth.js';
import { audited, noteAudit } from '../../plugins/audit.js';
import type { ApiTokenUseCases } from '../../usecases/kobo/api-tokens.js';
import { ADMIN } from './common.js';

/** API tokens for other systems (the MIS reading Kobo's data API): create (shown once), list, revoke. */
export async function adminApiTokenRoutes(app: FastifyInstance, { apiTokens }: { apiTokens: ApiTokenUseCases }) {
  route(app, contract.getAdminApiTokens, { config: ADMIN }, async (request) => ({
    // An administrator lists the tokens they manage (those reading within their areas).
    tokens: apiTokens.list(caller(request).user),
    assets: apiTokens.assets(),
  }));

  route(app, contract.postAdminApiTokens, { config: { ...ADMIN, audit: 'api-token.create' } }, async (request) => {
    noteAudit(request, {
      target: request.body.name,
      details: { assets: request.body.assets, areas: request.body.areas ?? null },
    });
    const { user } = caller(request);
    return audited(request, () => apiTokens.create(request.body, user.username, user));
  });

  route(
    app,
    contract.postAdminApiTokensByNameRevoke,
    { config: { ...ADMIN, audit: 'api-token.revoke' } },
    async (request) => {
      noteAudit(request, { target: request.params.name });
      const { user } = caller(request);
      return audited(request, () => apiTokens.revoke(request.params.name, user.username, user));
    },
  );
}

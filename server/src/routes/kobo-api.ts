import * as contract from '@kusanya/schemas/contract/kobo-api';
import { route } from '../plugins/contract.js';
import { type ApiToken } from '@kusanya/schemas';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { audit, noteAudit } from '../plugins/audit.js';
import type { ApiTokenUseCases } from '../usecases/kobo/api-tokens.js';
import type { KoboDataApi } from '../usecases/kobo/data-api.js';
import { sendMedium } from './media-reply.js';

/** What Kobo's API routes receive: the API tokens and the data API, nothing else. */
export interface KoboApiOptions {
  apiTokens: Pick<ApiTokenUseCases, 'authenticate'>;
  koboData: KoboDataApi;
}

/**
 * KoboToolbox's REST API v2, served by Kusanya for the forms it replaces (DESIGN.md §8,
 * kobo-mis-contract.md): the MIS changes its base URL and token and nothing else. Other systems call it
 * with `Authorization: Token <key>` (npm run cli -- api-token add); every read is audited.
 */
export async function koboApiRoutes(app: FastifyInstance, { apiTokens, koboData }: KoboApiOptions) {
  const tokenOf = (request: FastifyRequest): ApiToken => {
    const token = apiTokens.authenticate(request.headers.authorization);
    noteAudit(request, { actor: `api-token:${token.name}`, actorId: token.id, role: 'api-token' });
    return token;
  };
  const base = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  route(app, contract.getV2Assets, { config: { apiToken: true } }, async (request) =>
    koboData.listAssets(tokenOf(request), base(request)),
  );

  route(app, contract.getV2AssetsByUid, { config: { apiToken: true } }, async (request) =>
    koboData.asset(request.params.uid, tokenOf(request), base(request)),
  );

  /** Runs a read for a token; a read it may not make (403, 404) is audited too, as denied. */
  const denied = <T>(request: FastifyRequest, action: string, details: Record<string, unknown>, read: () => T): T => {
    try {
      return read();
    } catch (error) {
      if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'not-found'))
        audit(request, action, details, { target: String(details['asset']), outcome: 'denied' });
      throw error;
    }
  };

  // Kobo's `download_url` of an attachment (and its thumbnail sizes, served as the original file).
  const attachment = async (
    request: FastifyRequest<{ Params: { uid: string; id: number; attachment: string } }>,
    reply: FastifyReply,
  ) => {
    const token = tokenOf(request);
    const { uid, id, attachment: name } = request.params;
    const details = { asset: uid, record: id, attachment: name };
    const download = denied(request, 'kobo.attachment.read', details, () => koboData.attachment(token, request.params));
    audit(
      request,
      'kobo.attachment.read',
      { ...details, submissionId: download.submissionId, name: download.file.name, sha256: download.file.sha256 },
      { target: uid },
    );
    return sendMedium(reply, download);
  };
  route(app, contract.getV2AssetsByUidDataByIdAttachmentsByAttachment, { config: { apiToken: true } }, attachment);
  route(
    app,
    contract.getV2AssetsByUidDataByIdAttachmentsByAttachmentBySize,
    { config: { apiToken: true } },
    attachment,
  );

  route(app, contract.getV2AssetsByUidData, { config: { apiToken: true } }, async (request) => {
    const token = tokenOf(request);
    return denied(request, 'kobo.data.read', { asset: request.params.uid }, () =>
      koboData.data(request.params.uid, token, request.query, base(request), (details) =>
        audit(request, 'kobo.data.read', details, { target: request.params.uid }),
      ),
    );
  });
}

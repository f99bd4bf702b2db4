import * as contract from '@kusanya/schemas/contract/admin-pairing';
import { route } from '../../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { ADMIN } from './common.js';

/**
 * The pairing screen's facts: the address tablets open (PUBLIC_URL, or the one this request came to), how the
 * request arrived (https only when TLS ends here or at a trusted proxy) and the LAN certificate's address.
 */
export async function adminPairingRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  route(app, contract.getAdminPairing, { config: ADMIN }, async (request) => {
    const requestProtocol = request.protocol === 'https' ? ('https' as const) : ('http' as const);
    return {
      address: ctx.config.publicUrl ?? `${requestProtocol}://${request.host}`,
      configured: ctx.config.publicUrl !== null,
      requestProtocol,
      caCertificateUrl: ctx.config.caCertificateUrl,
      serverTime: new Date().toISOString(),
    };
  });
}

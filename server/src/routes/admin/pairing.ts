import * as contract from '@kusanya/schemas/contract/admin-pairing';
import { route } from '../../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config.js';
import { ADMIN } from './common.js';

/** The configuration the pairing screen shows (PUBLIC_URL, the LAN certificate's address). */
export type PairingConfig = Pick<AppConfig, 'publicUrl' | 'caCertificateUrl'>;

/**
 * The pairing screen's facts: the address tablets open (PUBLIC_URL, or the one this request came to), how the
 * request arrived (https only when TLS ends here or at a trusted proxy) and the LAN certificate's address.
 */
export async function adminPairingRoutes(app: FastifyInstance, { pairing }: { pairing: PairingConfig }) {
  route(app, contract.getAdminPairing, { config: ADMIN }, async (request) => {
    const requestProtocol = request.protocol === 'https' ? ('https' as const) : ('http' as const);
    return {
      address: pairing.publicUrl ?? `${requestProtocol}://${request.host}`,
      configured: pairing.publicUrl !== null,
      requestProtocol,
      caCertificateUrl: pairing.caCertificateUrl,
      serverTime: new Date().toISOString(),
    };
  });
}

import { pairingInfoSchema } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { ADMIN, errors, ref } from './common.js';

/**
 * The pairing screen's facts: the address tablets open (PUBLIC_URL, or the one this request came to), how the
 * request arrived (https only when TLS ends here or at a trusted proxy) and the LAN certificate's address.
 */
export async function adminPairingRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get(
    '/api/admin/pairing',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary: 'The address tablets open (shown as a QR code) and how this request reached the server',
        response: { 200: ref(pairingInfoSchema), ...errors(401, 403) },
      },
    },
    async (request) => {
      const requestProtocol = request.protocol === 'https' ? ('https' as const) : ('http' as const);
      return {
        address: ctx.config.publicUrl ?? `${requestProtocol}://${request.host}`,
        configured: ctx.config.publicUrl !== null,
        requestProtocol,
        caCertificateUrl: ctx.config.caCertificateUrl,
        serverTime: new Date().toISOString(),
      };
    },
  );
}

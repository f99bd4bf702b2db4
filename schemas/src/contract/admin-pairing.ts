/** The API contract: admin pairing routes (server/src/routes/admin/pairing.ts). */
import { pairingInfoSchema } from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

export const getAdminPairing = defineRoute({
  method: 'GET',
  url: '/api/admin/pairing',
  tags: ['admin'],
  summary: 'The address tablets open (shown as a QR code) and how this request reached the server',
  response: { 200: ref(pairingInfoSchema), ...errors(401, 403) },
});

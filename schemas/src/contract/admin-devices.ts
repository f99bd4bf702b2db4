/** The API contract: admin devices routes (server/src/routes/admin/devices.ts). */
import { adminDeviceListSchema, sessionsEndedSchema } from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

const deviceParams = {
  type: 'object',
  additionalProperties: false,
  required: ['deviceId'],
  properties: { deviceId: { type: 'string', minLength: 1, maxLength: 160 } },
} as const;

export const getAdminDevices = defineRoute({
  method: 'GET',
  url: '/api/admin/devices',
  tags: ['admin'],
  summary: 'Devices of the users you manage that synced or logged in: user, last sync, app version, records waiting',
  response: { 200: ref(adminDeviceListSchema), ...errors(401, 403) },
});

export const postAdminDevicesByDeviceIdRevoke = defineRoute({
  method: 'POST',
  url: '/api/admin/devices/:deviceId/revoke',
  tags: ['admin'],
  summary: 'End every session opened from this device (lost or stolen tablet)',
  params: deviceParams,
  response: { 200: ref(sessionsEndedSchema), ...errors(401, 403, 404) },
});

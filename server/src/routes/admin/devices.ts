import { adminDeviceListSchema, sessionsEndedSchema } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { audited, noteAudit } from '../../plugins/audit.js';
import { caller } from '../../plugins/auth.js';
import { ADMIN, errors, ref } from './common.js';

const deviceParams = {
  type: 'object',
  additionalProperties: false,
  required: ['deviceId'],
  properties: { deviceId: { type: 'string', minLength: 1, maxLength: 160 } },
} as const;

/** Devices that synced, and revoking one (a lost tablet). "All sessions of a user" is under users. */
export async function adminDeviceRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get(
    '/api/admin/devices',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary:
          'Devices of the users you manage that synced or logged in: user, last sync, app version, records waiting',
        response: { 200: ref(adminDeviceListSchema), ...errors(401, 403) },
      },
    },
    async (request) => ({ devices: ctx.deviceAdmin.list(caller(request).user) }),
  );

  app.post<{ Params: { deviceId: string } }>(
    '/api/admin/devices/:deviceId/revoke',
    {
      config: { ...ADMIN, audit: 'device.revoke' },
      schema: {
        tags: ['admin'],
        summary: 'End every session opened from this device (lost or stolen tablet)',
        params: deviceParams,
        response: { 200: ref(sessionsEndedSchema), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      noteAudit(request, { target: request.params.deviceId });
      return audited(request, () => ctx.deviceAdmin.revoke(caller(request).user, request.params.deviceId));
    },
  );
}

import * as contract from '@kusanya/schemas/contract/admin-devices';
import { route } from '../../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { audited, noteAudit } from '../../plugins/audit.js';
import { caller } from '../../plugins/auth.js';
import { ADMIN } from './common.js';

/** Devices that synced, and revoking one (a lost tablet). "All sessions of a user" is under users. */
export async function adminDeviceRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  route(app, contract.getAdminDevices, { config: ADMIN }, async (request) => ({
    devices: ctx.deviceAdmin.list(caller(request).user),
  }));

  route(
    app,
    contract.postAdminDevicesByDeviceIdRevoke,
    { config: { ...ADMIN, audit: 'device.revoke' } },
    async (request) => {
      noteAudit(request, { target: request.params.deviceId });
      return audited(request, () => ctx.deviceAdmin.revoke(caller(request).user, request.params.deviceId));
    },
  );
}

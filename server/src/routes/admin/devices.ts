import * as contract from '@kusanya/schemas/contract/admin-devices';
import { route } from '../../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import { audited, noteAudit } from '../../plugins/audit.js';
import { caller } from '../../plugins/auth.js';
import type { DevicesService } from '../../usecases/devices.js';
import { ADMIN } from './common.js';

/** Devices that synced, and revoking one (a lost tablet). "All sessions of a user" is under users. */
export async function adminDeviceRoutes(app: FastifyInstance, { devices }: { devices: DevicesService }) {
  route(app, contract.getAdminDevices, { config: ADMIN }, async (request) => ({
    devices: devices.list(caller(request).user),
  }));

  route(
    app,
    contract.postAdminDevicesByDeviceIdRevoke,
    { config: { ...ADMIN, audit: 'device.revoke' } },
    async (request) => {
      noteAudit(request, { target: request.params.deviceId });
      return audited(request, () => devices.revoke(caller(request).user, request.params.deviceId));
    },
  );
}

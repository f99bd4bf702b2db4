import { APP_VERSION_HEADER, QUEUE_HEADER } from '@kusanya/shared/sync/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DevicesService } from '../usecases/devices.js';

const VERSION = /^[\w.+-]{1,64}$/;

/** The app version a device reports, if it is a plausible version string. */
export function reportedAppVersion(request: FastifyRequest): string | null {
  const value = request.headers[APP_VERSION_HEADER];
  return typeof value === 'string' && VERSION.test(value) ? value : null;
}

/** How many records wait on the device, if it says so with a sane number. */
export function reportedQueue(request: FastifyRequest): number | null {
  const value = request.headers[QUEUE_HEADER];
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return null;
  return Number(value);
}

/** The devices table's key of a session: its device id, or the session itself for clients that sent none. */
export const deviceKeyOf = (session: { id: string; deviceId: string | null }) =>
  session.deviceId ?? `session:${session.id}`;

/**
 * After every authenticated /api/sync/* request, the devices table learns who synced from which device,
 * when, with which app version and how many records still wait there (the headers of shared/sync/protocol).
 */
export function installDeviceTracking(app: FastifyInstance, devices: DevicesService): void {
  app.addHook('onResponse', async (request, reply) => {
    const auth = request.auth;
    if (!auth || !request.routeOptions.url?.startsWith('/api/sync/')) return;
    try {
      devices.sighted({
        deviceId: deviceKeyOf(auth.session),
        userId: auth.user.id,
        at: new Date().toISOString(),
        status: reply.statusCode,
        appVersion: reportedAppVersion(request),
        queue: reportedQueue(request),
        ip: request.ip,
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not record the device');
    }
  });
}

import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import type { DeviceKeysRepository } from '../repositories/device-keys.js';
import type { DevicesRepository } from '../repositories/devices.js';
import type { SessionsRepository } from '../repositories/sessions.js';

export interface DevicesDeps {
  devices: DevicesRepository;
  sessions: SessionsRepository;
  deviceKeys: DeviceKeysRepository;
}

/** The devices view and the lost-tablet actions. */
export function devicesService({ devices, sessions, deviceKeys }: DevicesDeps) {
  return {
    list: () => devices.list(new Date().toISOString()),

    /**
     * Ends every session opened from this device, whoever logged in on it (a lost or stolen tablet): its
     * tokens stop working at once, so it can neither sync nor fetch its key escrow. Records on the tablet
     * that were not synced stay there; they reach the server when the person logs in again.
     */
    revoke(deviceId: string): { sessionsEnded: number } {
      if (!devices.exists(deviceId)) throw new AppError('not-found', `No device ${deviceId} has synced with this server.`);
      const at = new Date().toISOString();
      const sessionsEnded = deviceId.startsWith('session:')
        ? Number(sessions.revoke(deviceId.slice('session:'.length), at))
        : sessions.revokeAllOfDevice(deviceId, at);
      devices.markRevoked(deviceId, at);
      return { sessionsEnded };
    },

    /**
     * The escrowed key of (user, device), created on first request: the device wraps its local database key
     * with it as well as with the password, so an administrator's password reset does not lock the person out
     * of the unsynced records on their own tablet.
     */
    escrowKey(userId: string, deviceId: string | null): string {
      if (!deviceId) throw new AppError('bad-request', 'This session has no device id; log in from the app.');
      return deviceKeys.getOrCreate(userId, deviceId, randomBytes(32).toString('base64url'), new Date().toISOString());
    },
  };
}

export type DevicesService = ReturnType<typeof devicesService>;

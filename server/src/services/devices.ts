import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { DeviceKeysRepository } from '../repositories/device-keys.js';
import type { DeviceSighting, DevicesRepository } from '../repositories/devices.js';
import type { SessionsRepository } from '../repositories/sessions.js';

export interface DevicesDeps {
  devices: DevicesRepository;
  sessions: SessionsRepository;
  deviceKeys: DeviceKeysRepository;
}

/** How long sightings wait before they are written, coalesced (one write per device, one transaction). */
const FLUSH_AFTER_MS = 1000;

/** The devices view and the lost-tablet actions. */
export function devicesService({ devices, sessions, deviceKeys }: DevicesDeps, db: Db) {
  // Sync requests report their device; writing each at once would add a disk sync to every request. They are
  // kept for up to a second (the newest per device and user) and written together; reads flush first.
  const pending = new Map<string, DeviceSighting>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const writeBatch = db.transaction((rows: DeviceSighting[]) => rows.forEach((s) => devices.record(s)));
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return;
    const rows = [...pending.values()];
    pending.clear();
    writeBatch(rows);
  };

  return {
    /** Notes a sync request's device (written within a second). */
    sighted(sighting: DeviceSighting): void {
      const key = `${sighting.deviceId}|${sighting.userId}`;
      const previous = pending.get(key);
      // Keep what an earlier request of the batch reported if this one reported nothing.
      pending.set(
        key,
        previous
          ? {
              ...sighting,
              appVersion: sighting.appVersion ?? previous.appVersion,
              queue: sighting.queue ?? previous.queue,
              status: sighting.status,
            }
          : sighting,
      );
      timer ??= setTimeout(flush, FLUSH_AFTER_MS);
      timer.unref?.();
    },
    flush,
    list: () => {
      flush();
      return devices.list(new Date().toISOString());
    },

    /**
     * Ends every session opened from this device, whoever logged in on it (a lost or stolen tablet): its
     * tokens stop working at once, so it can neither sync nor fetch its key escrow. Records on the tablet
     * that were not synced stay there; they reach the server when the person logs in again.
     */
    revoke(deviceId: string): { sessionsEnded: number } {
      flush();
      if (!devices.exists(deviceId))
        throw new AppError('not-found', `No device ${deviceId} has synced with this server.`);
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

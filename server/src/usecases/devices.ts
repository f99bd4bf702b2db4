import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { managesUser, type Manager } from '../domain/admin-scope.js';
import type { LocationTree } from '../domain/scope.js';
import { AppError } from '../errors.js';
import type { AdminDevice } from '@kusanya/schemas';
import type { DeviceImportRecord, DeviceImportsRepository } from '../repositories/device-imports.js';
import type { DeviceKeysRepository } from '../repositories/device-keys.js';
import type { DeviceSighting, DevicesRepository } from '../repositories/devices.js';
import type { SessionsRepository } from '../repositories/sessions.js';
import type { UsersRepository } from '../repositories/users.js';

export interface DevicesDeps {
  devices: DevicesRepository;
  sessions: SessionsRepository;
  deviceKeys: DeviceKeysRepository;
  deviceImports: Pick<DeviceImportsRepository, 'latestByDevice'>;
  users: UsersRepository;
  locationTree: () => LocationTree;
}

/** How long sightings wait before they are written, coalesced (one write per device, one transaction). */
const FLUSH_AFTER_MS = 1000;

/** What the devices view says of a device's last rescue file: its records and what became of its media. */
export function lastImportOf({ importedAt, report }: Pick<DeviceImportRecord, 'importedAt' | 'report'>) {
  return {
    importedAt,
    records: report.counts.total,
    newRecords: report.counts.new,
    ...(report.media
      ? {
          media: {
            stored: report.media.stored,
            alreadyThere: report.media.alreadyThere,
            refused: report.media.refused.length,
          },
        }
      : {}),
  } satisfies NonNullable<AdminDevice['lastImport']>;
}

/** The devices view and the lost-tablet actions. */
export function devicesService(
  { devices, sessions, deviceKeys, deviceImports, users, locationTree }: DevicesDeps,
  db: Db,
) {
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
    /** Devices of the users the manager manages (synced, or logged in only), most recently seen first. */
    list: (manager: Manager) => {
      flush();
      const tree = locationTree();
      const managed = new Map<string, boolean>();
      const manages = (userId: string) => {
        if (!managed.has(userId)) {
          const user = users.findById(userId);
          managed.set(userId, user !== null && managesUser(tree, manager, user));
        }
        return managed.get(userId)!;
      };
      const imports = deviceImports.latestByDevice();
      return devices
        .list(new Date().toISOString())
        .filter((d) => manages(d.user.id))
        .map((d): AdminDevice => {
          const last = imports.get(`${d.deviceId}|${d.user.id}`);
          return last ? { ...d, lastImport: lastImportOf(last) } : d;
        });
    },

    /**
     * Ends every session opened from this device, whoever logged in on it (a lost or stolen tablet): its
     * tokens stop working at once, so it can neither sync nor fetch its key escrow. Records on the tablet
     * that were not synced stay there; they reach the server when the person logs in again.
     */
    revoke(manager: Manager, deviceId: string): { sessionsEnded: number } {
      flush();
      const owners = devices.usersOf(deviceId);
      if (owners.length === 0)
        throw new AppError('not-found', `No device ${deviceId} has logged in or synced with this server.`);
      const tree = locationTree();
      const outside = owners.map((id) => users.findById(id)).filter((u) => !u || !managesUser(tree, manager, u));
      if (outside.length > 0) {
        throw new AppError(
          'out-of-scope',
          `This device is also used by ${outside.map((u) => u?.username ?? 'an unknown user').join(', ')}, outside your areas: an administrator of those areas can revoke it.`,
        );
      }
      const at = new Date().toISOString();
      return db
        .transaction(() => {
          const sessionsEnded = deviceId.startsWith('session:')
            ? Number(sessions.revoke(deviceId.slice('session:'.length), at))
            : sessions.revokeAllOfDevice(deviceId, at);
          for (const owner of owners) devices.remember(deviceId, owner, at);
          devices.markRevoked(deviceId, at);
          return { sessionsEnded };
        })
        .immediate();
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

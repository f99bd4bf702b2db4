import type { AdminDevice, User } from '@kusanya/schemas';
import type { Db } from '../db/database.js';

/** What one sync request tells the server about the device that sent it. */
export interface DeviceSighting {
  deviceId: string;
  userId: string;
  at: string;
  /** HTTP status of the answer; a 2xx counts as a sync. */
  status: number;
  appVersion: string | null;
  queue: number | null;
  ip: string | null;
}

/** A device that synced, as administrators see it (schemas: AdminDevice). */
export type DeviceRecord = AdminDevice;

interface DeviceRow {
  device_id: string;
  user_id: string;
  username: string;
  role: User['role'];
  first_seen_at: string;
  last_seen_at: string;
  last_sync_at: string | null;
  last_status: number | null;
  app_version: string | null;
  queue: number | null;
  ip: string | null;
  revoked_at: string | null;
  active_sessions: number;
}

export type DevicesRepository = ReturnType<typeof devicesRepository>;

export function devicesRepository(db: Db) {
  // A device that reports nothing (old app, outside client) keeps what it reported before.
  const upsert = db.prepare(
    `INSERT INTO devices (device_id, user_id, first_seen_at, last_seen_at, last_sync_at, last_status, app_version, queue, ip)
     VALUES (@deviceId, @userId, @at, @at, CASE WHEN @status < 300 THEN @at END, @status, @appVersion, @queue, @ip)
     ON CONFLICT (device_id, user_id) DO UPDATE SET
       last_seen_at = excluded.last_seen_at,
       last_sync_at = coalesce(excluded.last_sync_at, devices.last_sync_at),
       last_status = excluded.last_status,
       app_version = coalesce(excluded.app_version, devices.app_version),
       queue = coalesce(excluded.queue, devices.queue),
       ip = excluded.ip,
       revoked_at = NULL`,
  );
  // Devices that synced, and devices that logged in but never synced (known from their sessions only): both can be
  // lost, and both must be revocable.
  const list = db.prepare<{ now: string }, DeviceRow>(
    `SELECT d.device_id, d.user_id, u.username, u.role, d.first_seen_at, d.last_seen_at, d.last_sync_at, d.last_status,
            d.app_version, d.queue, d.ip, d.revoked_at,
            (SELECT count(*) FROM sessions s
              WHERE s.user_id = d.user_id AND s.revoked_at IS NULL AND s.expires_at > @now
                AND (s.device_id = d.device_id OR 'session:' || s.id = d.device_id)) AS active_sessions
       FROM devices d JOIN users u ON u.id = d.user_id
     UNION ALL
     SELECT s.device_id, s.user_id, u.username, u.role, min(s.created_at), max(coalesce(s.last_seen_at, s.created_at)),
            NULL, NULL, NULL, NULL, NULL, NULL,
            sum(s.revoked_at IS NULL AND s.expires_at > @now)
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.device_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.device_id = s.device_id AND d.user_id = s.user_id)
      GROUP BY s.device_id, s.user_id
      ORDER BY 6 DESC`,
  );
  const markRevoked = db.prepare('UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL');
  const usersOf = db.prepare<[string, string, string], { user_id: string }>(
    `SELECT user_id FROM devices WHERE device_id = ?
     UNION SELECT user_id FROM sessions WHERE device_id = ? OR 'session:' || id = ?`,
  );
  const remember = db.prepare(
    `INSERT OR IGNORE INTO devices (device_id, user_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)`,
  );

  return {
    record: (s: DeviceSighting) => upsert.run(s),
    /** Every device that ever synced, most recently seen first, with how many sessions still work. */
    list: (now: string): DeviceRecord[] =>
      list.all({ now }).map((r) => ({
        deviceId: r.device_id,
        user: { id: r.user_id, username: r.username, role: r.role },
        firstSeenAt: r.first_seen_at,
        lastSeenAt: r.last_seen_at,
        lastSyncAt: r.last_sync_at,
        lastStatus: r.last_status,
        appVersion: r.app_version,
        queue: r.queue,
        ip: r.ip,
        revokedAt: r.revoked_at,
        activeSessions: r.active_sessions,
      })),
    markRevoked: (deviceId: string, at: string) => markRevoked.run(at, deviceId).changes,
    /** The users who synced from, or logged in on, this device (none: an unknown device). */
    usersOf: (deviceId: string): string[] => usersOf.all(deviceId, deviceId, deviceId).map((r) => r.user_id),
    /** Keeps a device known from its sessions only, so that revoking it is remembered. */
    remember: (deviceId: string, userId: string, at: string) => remember.run(deviceId, userId, at, at),
  };
}

import type { Db } from '../db/database.js';

export interface SessionRecord {
  id: string;
  userId: string;
  deviceId: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

interface SessionRow {
  id: string;
  user_id: string;
  device_id: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
}

const toRecord = (row: SessionRow): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  deviceId: row.device_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  lastSeenAt: row.last_seen_at,
});

export type SessionsRepository = ReturnType<typeof sessionsRepository>;

export function sessionsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO sessions (id, token_hash, user_id, device_id, created_at, expires_at, last_seen_at)
     VALUES (@id, @tokenHash, @userId, @deviceId, @createdAt, @expiresAt, @createdAt)`,
  );
  const byHash = db.prepare<[string], SessionRow>(
    'SELECT id, user_id, device_id, created_at, expires_at, revoked_at, last_seen_at FROM sessions WHERE token_hash = ?',
  );
  const revoke = db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?');
  const devices = db.prepare<[string], { device_id: string; last_seen_at: string | null }>(
    'SELECT device_id, max(last_seen_at) AS last_seen_at FROM sessions WHERE user_id = ? AND device_id IS NOT NULL GROUP BY device_id ORDER BY last_seen_at DESC',
  );
  const revokeUser = db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL');
  const revokeDevice = db.prepare('UPDATE sessions SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL');
  const revokeDeviceUser = db.prepare(
    'UPDATE sessions SET revoked_at = ? WHERE device_id = ? AND user_id = ? AND revoked_at IS NULL',
  );

  return {
    create: (s: {
      id: string;
      tokenHash: string;
      userId: string;
      deviceId: string | null;
      createdAt: string;
      expiresAt: string;
    }) => insert.run(s),
    findByTokenHash: (tokenHash: string) => {
      const row = byHash.get(tokenHash);
      return row ? toRecord(row) : null;
    },
    revoke: (id: string, at: string) => revoke.run(at, id).changes > 0,
    touch: (id: string, at: string) => touch.run(at, id),
    /** Devices a user logged in from, with when each was last seen. */
    devicesOf: (userId: string) =>
      devices.all(userId).map((r) => ({ deviceId: r.device_id, lastSeenAt: r.last_seen_at })),
    /** Ends every session of a user (disable, password reset, "log out everywhere"); returns how many. */
    revokeAllOfUser: (userId: string, at: string) => revokeUser.run(at, userId).changes,
    /** Ends every session opened from a device (a lost tablet), optionally of one user only. */
    revokeAllOfDevice: (deviceId: string, at: string, userId?: string) =>
      (userId ? revokeDeviceUser.run(at, deviceId, userId) : revokeDevice.run(at, deviceId)).changes,
  };
}

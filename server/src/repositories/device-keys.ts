import type { Db } from '../db/database.js';

export type DeviceKeysRepository = ReturnType<typeof deviceKeysRepository>;

/** Escrowed per-(user, device) keys; see migration 030 and client/src/auth/keyring.ts. */
export function deviceKeysRepository(db: Db) {
  const get = db.prepare<[string, string], { key: string }>(
    'SELECT key FROM device_keys WHERE user_id = ? AND device_id = ?',
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO device_keys (user_id, device_id, key, created_at) VALUES (?, ?, ?, ?)',
  );
  return {
    /** The existing key, or `fresh` stored as the key (the first caller wins a race). */
    getOrCreate: db.transaction((userId: string, deviceId: string, fresh: string, at: string): string => {
      insert.run(userId, deviceId, fresh, at);
      return get.get(userId, deviceId)!.key;
    }),
  };
}

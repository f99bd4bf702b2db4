import type { Db } from '../db/database.js';

export interface LockoutState {
  failures: number;
  lastFailureAt: string;
  lockedUntil: string | null;
}

interface LockoutRow {
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

/** The key a username is counted under: case and surrounding spaces do not matter. */
export const usernameKey = (username: string) => username.trim().normalize('NFC').toLowerCase();

export type LockoutsRepository = ReturnType<typeof lockoutsRepository>;

/** Failed-login counters per username, in the database so they hold across restarts and processes. */
export function lockoutsRepository(db: Db) {
  const get = db.prepare<[string], LockoutRow>(
    'SELECT failures, last_failure_at, locked_until FROM login_lockouts WHERE username_key = ?',
  );
  const fail = db.prepare(
    `INSERT INTO login_lockouts (username_key, failures, last_failure_at, locked_until) VALUES (@key, 1, @at, NULL)
     ON CONFLICT (username_key) DO UPDATE SET
       failures = CASE WHEN login_lockouts.locked_until IS NOT NULL AND login_lockouts.locked_until <= @at THEN 1
                       ELSE login_lockouts.failures + 1 END,
       locked_until = CASE WHEN login_lockouts.locked_until IS NOT NULL AND login_lockouts.locked_until <= @at THEN NULL
                           ELSE login_lockouts.locked_until END,
       last_failure_at = @at`,
  );
  const lock = db.prepare('UPDATE login_lockouts SET locked_until = ? WHERE username_key = ? AND failures >= ?');
  const clear = db.prepare('DELETE FROM login_lockouts WHERE username_key = ?');
  const lockedKeys = db.prepare<[string], { username_key: string; locked_until: string }>(
    'SELECT username_key, locked_until FROM login_lockouts WHERE locked_until > ?',
  );

  const state = (key: string): LockoutState | null => {
    const row = get.get(key);
    return row ? { failures: row.failures, lastFailureAt: row.last_failure_at, lockedUntil: row.locked_until } : null;
  };

  return {
    state,
    /**
     * Counts one failure (an expired lock starts a new count) and locks the username once `attempts` failures
     * in a row were reached. Returns the new state.
     */
    recordFailure: db.transaction((key: string, at: string, attempts: number, lockedUntil: string): LockoutState => {
      fail.run({ key, at });
      lock.run(lockedUntil, key, attempts);
      return state(key)!;
    }),
    clear: (key: string) => clear.run(key).changes > 0,
    /** Usernames locked at `now`, with when they unlock. */
    locked: (now: string) => new Map(lockedKeys.all(now).map((r) => [r.username_key, r.locked_until])),
  };
}

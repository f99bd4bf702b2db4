import type { Db } from '../db/database.js';

export type HealthRepository = ReturnType<typeof healthRepository>;

/** Pages the database may still grow by before a write fails as if the disk were full. */
const GROWTH_PAGES = 64;

/** The database's side of the health check (reads only: it never waits for another process's write lock). */
export function healthRepository(db: Db) {
  const ping = db.prepare<[], { ok: number }>('SELECT 1 AS ok');
  return {
    /** Whether the database answers a query. */
    ping: (): boolean => {
      try {
        return ping.get()?.ok === 1;
      } catch {
        return false;
      }
    },
    /** Whether the database has reached the most pages it may hold (SQLite then fails every write that grows it). */
    atMaxSize: (): boolean => {
      const pages = Number(db.pragma('page_count', { simple: true }));
      const free = Number(db.pragma('freelist_count', { simple: true }));
      const max = Number(db.pragma('max_page_count', { simple: true }));
      return pages - free + GROWTH_PAGES > max;
    },
  };
}

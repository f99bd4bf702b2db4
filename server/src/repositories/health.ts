import type { Db } from '../db/database.js';

export type HealthRepository = ReturnType<typeof healthRepository>;

class ProbeDone extends Error {}

/** The database's side of the health check. */
export function healthRepository(db: Db) {
  const ping = db.prepare<[], { ok: number }>('SELECT 1 AS ok');
  // Needs new pages (more than a page of data): it fails as a real write would when the database cannot grow.
  const probe = db.prepare("INSERT INTO meta (key, value) VALUES ('health-probe', hex(randomblob(8192)))");
  const tryWrite = db.transaction(() => {
    probe.run();
    throw new ProbeDone();
  });
  return {
    /** Whether the database answers a query. */
    ping: (): boolean => {
      try {
        return ping.get()?.ok === 1;
      } catch {
        return false;
      }
    },
    /** Tries a write that is always rolled back: null when it could be made, else the error it met. */
    writeProblem: (): unknown => {
      try {
        tryWrite();
      } catch (error) {
        return error instanceof ProbeDone ? null : error;
      }
      return null;
    },
  };
}

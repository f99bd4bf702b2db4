import type { Db } from '../db/database.js';
import { ROW_LAYOUTS } from './synthetic-rows.js';

/**
 * Bulk writes of the synthetic registry generator (`npm run cli -- seed synthetic`): the same tables and
 * columns approval writes, copied from batches staged in scratch files (synthetic-staging.ts) with sequence
 * numbers allocated by the generator, one transaction per batch. The search index is written in the same
 * transaction, as the registry repository does.
 */
export type SyntheticRepository = ReturnType<typeof syntheticRepository>;

export function syntheticRepository(db: Db) {
  const s = {
    insertLocation: db.prepare(
      `INSERT OR IGNORE INTO locations (code, name, level, parent_code, scheme, valid_from, valid_to, is_sample)
       VALUES (@code, @name, @level, @parentCode, @scheme, @validFrom, @validTo, @isSample)`,
    ),
    bumpLocations: db.prepare(
      "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'locations_version'",
    ),
    realCollines: db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM locations WHERE level = 'colline' AND is_sample = 0",
    ),
    insertUser: db.prepare(
      'INSERT OR IGNORE INTO users (id, username, password_hash, role, disabled, created_at) VALUES (@id, @username, @passwordHash, @role, 0, @createdAt)',
    ),
    userId: db.prepare<[string], { id: string }>('SELECT id FROM users WHERE username = ?'),
    insertUserArea: db.prepare('INSERT OR IGNORE INTO user_areas (user_id, area_code) VALUES (?, ?)'),
    maxHouseholdSeq: db.prepare<[], { n: number }>('SELECT coalesce(max(seq), 0) AS n FROM households'),
    maxSubmissionSeq: db.prepare<[], { n: number }>('SELECT coalesce(max(seq), 0) AS n FROM submissions'),
    householdCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM households'),
    codeCounters: db.prepare<[], { year: number; province: string; last: number }>(
      'SELECT year, province, last FROM household_code_counters',
    ),
    setCodeCounter: db.prepare(
      'INSERT INTO household_code_counters (year, province, last) VALUES (?, ?, ?) ON CONFLICT (year, province) DO UPDATE SET last = max(last, excluded.last)',
    ),
    ticketCounters: db.prepare<[], { year: number; last: number }>('SELECT year, last FROM grievance_code_counters'),
    setTicketCounter: db.prepare(
      'INSERT INTO grievance_code_counters (year, last) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last)',
    ),
    upsertTarget: db.prepare(
      `INSERT INTO indicator_targets (indicator_code, quarter, area, target, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (indicator_code, quarter, area) DO UPDATE SET target = excluded.target, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ),
    indicatorCodes: db.prepare<[], { code: string; measure: string; activity_type: string | null }>(
      'SELECT code, measure, activity_type FROM indicators WHERE active = 1',
    ),
  };
  const lastSearchDoc = db.prepare<[], { n: number }>('SELECT coalesce(max(id), 0) AS n FROM search_docs');
  // Prepared once the staged file is attached (a statement is compiled against the schemas it names).
  const copyFrom = (schema: string) => ({
    tables: Object.entries(ROW_LAYOUTS).map(([name, layout]) => {
      const select = layout.columns.map((c) => layout.literals[c] ?? c).join(', ');
      return db.prepare(
        `INSERT INTO main.${layout.table} (${layout.columns.join(', ')}) SELECT ${select} FROM ${schema}.${name} ORDER BY rowid`,
      );
    }),
    // Search documents numbered after the last one, and their full-text rows under the same ids.
    docs: db.prepare<[bigint]>(
      `INSERT INTO main.search_docs (id, kind, entity_id, household_id) SELECT ? + rowid, kind, entity_id, household_id FROM ${schema}.search ORDER BY rowid`,
    ),
    texts: db.prepare<[bigint]>(
      `INSERT INTO main.search_fts (rowid, name, ids, place, kind) SELECT ? + rowid, name, ids, place, kind FROM ${schema}.search ORDER BY rowid`,
    ),
  });

  return {
    /** Runs `work` in one write transaction (BEGIN IMMEDIATE). */
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
    hasRealCollines: () => s.realCollines.get()!.n > 0,
    insertLocations(
      records: {
        code: string;
        name: string;
        level: string;
        parentCode: string | null;
        scheme: string;
        validFrom: string | null;
        validTo: string | null;
        isSample: boolean;
      }[],
    ): number {
      let inserted = 0;
      for (const r of records) inserted += s.insertLocation.run({ ...r, isSample: r.isSample ? 1 : 0 }).changes;
      s.bumpLocations.run();
      return inserted;
    },
    /** Creates the user if the username is free; returns the id of the user with that name either way. */
    ensureUser(user: {
      id: string;
      username: string;
      passwordHash: string;
      role: string;
      areas: string[];
      createdAt: string;
    }): string {
      s.insertUser.run(user);
      const id = s.userId.get(user.username)!.id;
      if (id === user.id) for (const area of user.areas) s.insertUserArea.run(id, area);
      return id;
    },
    maxHouseholdSeq: () => s.maxHouseholdSeq.get()!.n,
    maxSubmissionSeq: () => s.maxSubmissionSeq.get()!.n,
    householdCount: () => s.householdCount.get()!.n,
    setHouseholdCodeCounter: (year: number, province: string, last: number) =>
      s.setCodeCounter.run(year, province, last),
    setTicketCounter: (year: number, last: number) => s.setTicketCounter.run(year, last),
    householdCodeCounters: () => s.codeCounters.all(),
    ticketCounters: () => s.ticketCounters.all(),
    /** Copies a staged batch (synthetic-staging.ts) into the registry, in one transaction. */
    copyStaged(file: string): void {
      db.prepare('ATTACH DATABASE ? AS synthetic_batch').run(file);
      try {
        const copy = copyFrom('synthetic_batch');
        db.transaction(() => {
          for (const statement of copy.tables) statement.run();
          const base = BigInt(lastSearchDoc.get()!.n);
          copy.docs.run(base);
          // The full-text rows last: FTS5 flushes its pending terms at every statement savepoint (multi-row
          // statements and statements firing triggers open one), so nothing else may follow them.
          copy.texts.run(base);
        }).immediate();
      } finally {
        db.prepare('DETACH DATABASE synthetic_batch').run();
      }
    },
    setTarget: (indicator: string, quarter: string, area: string, target: number, at: string, by: string) =>
      s.upsertTarget.run(indicator, quarter, area, target, at, by),
    indicators: () =>
      s.indicatorCodes.all().map((r) => ({ code: r.code, measure: r.measure, activityType: r.activity_type })),
    /** Full-text index tuning for a bulk load: a larger in-memory buffer, then one merge at the end. */
    setSearchBuffer: (bytes: number) =>
      db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ?)").run(BigInt(bytes)),
    optimizeSearch: () => db.prepare("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run(),
  };
}

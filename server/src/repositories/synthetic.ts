import type { Db } from '../db/database.js';
import { ROW_LAYOUTS, SEARCH_ROW_WIDTH, type RowLayout, type RowTable, type RowValue, type SyntheticRows } from './synthetic-rows.js';

/**
 * Bulk writes of the synthetic registry generator (`npm run cli -- seed synthetic`): the same tables and
 * columns approval writes, from batches of ready rows (synthetic-rows.ts) with sequence numbers allocated by
 * the generator, so a whole batch goes in one transaction with multi-row statements. The search index is
 * written in the same transaction, as the registry repository does, after the batch's other rows.
 */
export type SyntheticRepository = ReturnType<typeof syntheticRepository>;

export function syntheticRepository(db: Db) {
  const s = {
    insertLocation: db.prepare(
      `INSERT OR IGNORE INTO locations (code, name, level, parent_code, scheme, valid_from, valid_to, is_sample)
       VALUES (@code, @name, @level, @parentCode, @scheme, @validFrom, @validTo, @isSample)`,
    ),
    bumpLocations: db.prepare("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'locations_version'"),
    realCollines: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM locations WHERE level = 'colline' AND is_sample = 0"),
    insertUser: db.prepare(
      "INSERT OR IGNORE INTO users (id, username, password_hash, role, disabled, created_at) VALUES (@id, @username, @passwordHash, @role, 0, @createdAt)",
    ),
    userId: db.prepare<[string], { id: string }>('SELECT id FROM users WHERE username = ?'),
    insertUserArea: db.prepare('INSERT OR IGNORE INTO user_areas (user_id, area_code) VALUES (?, ?)'),
    maxHouseholdSeq: db.prepare<[], { n: number }>('SELECT coalesce(max(seq), 0) AS n FROM households'),
    maxSubmissionSeq: db.prepare<[], { n: number }>('SELECT coalesce(max(seq), 0) AS n FROM submissions'),
    householdCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM households'),
    codeCounters: db.prepare<[], { year: number; province: string; last: number }>('SELECT year, province, last FROM household_code_counters'),
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
    indicatorCodes: db.prepare<[], { code: string; measure: string; activity_type: string | null }>('SELECT code, measure, activity_type FROM indicators WHERE active = 1'),
  };
  const tables = (Object.keys(ROW_LAYOUTS) as RowTable[]).map((t) => ({ table: t, insert: bulkInsert(db, ROW_LAYOUTS[t]) }));
  const search = {
    lastDoc: db.prepare<[], { n: number }>('SELECT coalesce(max(id), 0) AS n FROM search_docs'),
    insertDoc: db.prepare('INSERT INTO search_docs (id, kind, entity_id, household_id) VALUES (?, ?, ?, ?)'),
    insertText: db.prepare('INSERT INTO search_fts (rowid, name, ids, place, kind) VALUES (?, ?, ?, ?, ?)'),
  };

  return {
    /** Runs `work` in one write transaction (BEGIN IMMEDIATE). */
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
    hasRealCollines: () => s.realCollines.get()!.n > 0,
    insertLocations(records: { code: string; name: string; level: string; parentCode: string | null; scheme: string; validFrom: string | null; validTo: string | null; isSample: boolean }[]): number {
      let inserted = 0;
      for (const r of records) inserted += s.insertLocation.run({ ...r, isSample: r.isSample ? 1 : 0 }).changes;
      s.bumpLocations.run();
      return inserted;
    },
    /** Creates the user if the username is free; returns the id of the user with that name either way. */
    ensureUser(user: { id: string; username: string; passwordHash: string; role: string; areas: string[]; createdAt: string }): string {
      s.insertUser.run(user);
      const id = s.userId.get(user.username)!.id;
      if (id === user.id) for (const area of user.areas) s.insertUserArea.run(id, area);
      return id;
    },
    maxHouseholdSeq: () => s.maxHouseholdSeq.get()!.n,
    maxSubmissionSeq: () => s.maxSubmissionSeq.get()!.n,
    householdCount: () => s.householdCount.get()!.n,
    setHouseholdCodeCounter: (year: number, province: string, last: number) => s.setCodeCounter.run(year, province, last),
    setTicketCounter: (year: number, last: number) => s.setTicketCounter.run(year, last),
    householdCodeCounters: () => s.codeCounters.all(),
    ticketCounters: () => s.ticketCounters.all(),
    /**
     * Writes a batch (call inside a transaction): every table in the layouts' order, then the search
     * documents (ids following the last one, as the registry repository's inserts would get) and their text.
     */
    insertRows(rows: SyntheticRows): void {
      for (const { table, insert } of tables) insert(rows[table]);
      const base = search.lastDoc.get()!.n;
      const docs = rows.search;
      const width = SEARCH_ROW_WIDTH;
      for (let i = 0, id = base + 1; i < docs.length; i += width, id += 1) search.insertDoc.run(id, docs[i], docs[i + 1], docs[i + 2]);
      // One statement per full-text row: a multi-row one would open a savepoint, and FTS5 flushes at each.
      for (let i = 0, id = base + 1; i < docs.length; i += width, id += 1) search.insertText.run(id, docs[i + 3], docs[i + 4], docs[i + 5], docs[i]);
    },
    setTarget: (indicator: string, quarter: string, area: string, target: number, at: string, by: string) => s.upsertTarget.run(indicator, quarter, area, target, at, by),
    indicators: () => s.indicatorCodes.all().map((r) => ({ code: r.code, measure: r.measure, activityType: r.activity_type })),
    /** Full-text index tuning for a bulk load: a larger in-memory buffer, then one merge at the end. */
    setSearchBuffer: (bytes: number) => db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ?)").run(BigInt(bytes)),
    optimizeSearch: () => db.prepare("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run(),
  };
}

/** Inserts a table's flat rows, `chunk` rows per statement (the remainder one by one). */
function bulkInsert(db: Db, layout: RowLayout) {
  const one = db.prepare(`INSERT INTO ${layout.into} VALUES ${layout.values}`);
  const many = layout.chunk > 1 ? db.prepare(`INSERT INTO ${layout.into} VALUES ${Array.from({ length: layout.chunk }, () => layout.values).join(', ')}`) : one;
  const step = layout.width * layout.chunk;
  return (values: RowValue[]) => {
    let i = 0;
    for (; i + step <= values.length; i += step) many.run(values.slice(i, i + step));
    for (; i < values.length; i += layout.width) one.run(values.slice(i, i + layout.width));
  };
}

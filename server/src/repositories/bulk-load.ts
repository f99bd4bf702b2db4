import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { ROW_LAYOUTS } from './bulk-rows.js';

/** Where the registry's sequences and code counters stand: a bulk load allocates its own from there. */
export interface BulkLoadStart {
  householdSeq: number;
  submissionSeq: number;
  households: number;
  codeCounters: { year: number; province: string; last: number }[];
  ticketCounters: { year: number; last: number }[];
}

/** A staged household that breaks a rule of the registry (DESIGN.md §2), as copyStaged reports it. */
interface Violation {
  code: string;
  heads: number;
  primaries: number;
  members: number;
  size: number;
  survey: string | null;
}

export type BulkLoadRepository = ReturnType<typeof bulkLoadRepository>;

/**
 * The one bulk write path into the registry (the synthetic registry of `npm run cli -- seed synthetic`, made by
 * the tools workspace): batches staged in scratch files (bulk-staging.ts) are copied into the same tables and
 * columns approval writes, one transaction per batch, with sequence numbers and codes allocated by the loader
 * from `start()`. The rules approval keeps are checked on each batch before anything is copied — exactly one
 * head and one primary recipient per household, its size matching its members, and an approved household
 * survey behind it — and the database's own constraints (unique codes and sequences, nobody in two active
 * households, foreign keys) hold during the copy; a batch that breaks one is refused whole.
 */
export function bulkLoadRepository(db: Db) {
  const s = {
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
  };
  const lastSearchDoc = db.prepare<[], { n: number }>('SELECT coalesce(max(id), 0) AS n FROM search_docs');
  // Prepared once the staged file is attached (a statement is compiled against the schemas it names).
  const copyFrom = (schema: string) => ({
    violations: db.prepare<[], Violation>(
      `SELECT h.code, coalesce(m.heads, 0) AS heads, coalesce(m.primaries, 0) AS primaries,
              coalesce(m.members, 0) AS members, h.size, s.status AS survey
       FROM ${schema}.households h
       LEFT JOIN (SELECT household_id, sum(role = 'HEAD') AS heads, sum(recipient = 'PRIMARY') AS primaries,
                         count(*) AS members
                  FROM ${schema}.memberships GROUP BY household_id) m ON m.household_id = h.id
       LEFT JOIN ${schema}.submissions s ON s.id = h.created_by_submission AND s.form_id = 'household_survey'
       WHERE coalesce(m.heads, 0) <> 1 OR coalesce(m.primaries, 0) <> 1 OR coalesce(m.members, 0) <> h.size
          OR s.status IS NOT 'approved'
       LIMIT 5`,
    ),
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
  const setSearchBuffer = (bytes: number) =>
    db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ?)").run(BigInt(bytes));

  return {
    /** Runs `work` in one write transaction (BEGIN IMMEDIATE). */
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
    start: (): BulkLoadStart => ({
      householdSeq: s.maxHouseholdSeq.get()!.n,
      submissionSeq: s.maxSubmissionSeq.get()!.n,
      households: s.householdCount.get()!.n,
      codeCounters: s.codeCounters.all(),
      ticketCounters: s.ticketCounters.all(),
    }),
    /** Stores the code counters a load ended with (never lowering one). */
    saveCounters(
      codeCounters: readonly { year: number; province: string; last: number }[],
      ticketCounters: readonly { year: number; last: number }[],
    ): void {
      for (const c of codeCounters) s.setCodeCounter.run(c.year, c.province, c.last);
      for (const c of ticketCounters) s.setTicketCounter.run(c.year, c.last);
    },
    /**
     * Settings of this connection for the length of a load: a bigger page cache (bounded), commits without
     * waiting for the disk (WAL keeps the file consistent; a power cut loses at most the last batches of a
     * re-runnable load), statement journals in memory, a larger full-text buffer. Returns what restores them.
     */
    beginLoad(): () => void {
      const previous = {
        cache: Number(db.pragma('cache_size', { simple: true })),
        sync: Number(db.pragma('synchronous', { simple: true })),
        temp: Number(db.pragma('temp_store', { simple: true })),
      };
      db.pragma('cache_size = -262144');
      db.pragma('synchronous = NORMAL');
      db.pragma('temp_store = MEMORY');
      setSearchBuffer(4 * 1024 * 1024);
      return () => {
        setSearchBuffer(1024 * 1024);
        db.pragma(`cache_size = ${previous.cache}`);
        db.pragma(`synchronous = ${previous.sync}`);
        db.pragma(`temp_store = ${previous.temp}`);
      };
    },
    /** Checks a staged batch (bulk-staging.ts) against the registry's rules and copies it in, in one transaction. */
    copyStaged(file: string): void {
      db.prepare('ATTACH DATABASE ? AS bulk_batch').run(file);
      try {
        const copy = copyFrom('bulk_batch');
        db.transaction(() => {
          const broken = copy.violations.all();
          if (broken.length > 0) {
            throw new AppError(
              'validation-failed',
              'A bulk-loaded batch breaks the registry rules (one head, one primary recipient, size = members, an approved survey behind each household); nothing of it was written.',
              broken,
            );
          }
          for (const statement of copy.tables) statement.run();
          const base = BigInt(lastSearchDoc.get()!.n);
          copy.docs.run(base);
          // The full-text rows last: FTS5 flushes its pending terms at every statement savepoint (multi-row
          // statements and statements firing triggers open one), so nothing else may follow them.
          copy.texts.run(base);
        }).immediate();
      } finally {
        db.prepare('DETACH DATABASE bulk_batch').run();
      }
    },
    /** After a load: one merge of the full-text index, and fresh query-planner statistics. */
    finishLoad(): void {
      db.prepare("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run();
      db.pragma('optimize');
    },
  };
}

import type { HouseholdDoc } from '@kusanya/schemas';
import { checkHouseholdDoc } from '@kusanya/schemas/validators';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';

/** Which households a pull may see: every household, or those of these collines. */
export type HouseholdScope = { all: true } | { all: false; collines: readonly string[] };

export type HouseholdDocsRepository = ReturnType<typeof householdDocsRepository>;

/**
 * The `households` sync collection: one document per registry household (DESIGN.md §3), each change
 * given the next sequence number in commit order so devices can pull from any checkpoint.
 */
export function householdDocsRepository(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO household_docs (id, area, seq, version, deleted, updated_at, doc)
     VALUES (@id, @area, (SELECT coalesce(max(seq), 0) + 1 FROM household_docs), @version, @deleted, @updatedAt, @doc)
     ON CONFLICT (id) DO UPDATE SET
       area = excluded.area, seq = excluded.seq, version = excluded.version, deleted = excluded.deleted,
       updated_at = excluded.updated_at, doc = excluded.doc`,
  );
  const get = db.prepare<[string], { doc: string }>('SELECT doc FROM household_docs WHERE id = ?');
  const pullAll = db.prepare<[number, number], { seq: number; doc: string }>(
    'SELECT seq, doc FROM household_docs WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const pullIn = db.prepare<[string, number, number], { seq: number; doc: string }>(
    `SELECT seq, doc FROM household_docs
     WHERE area IN (SELECT value FROM json_each(?)) AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const countAll = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM household_docs WHERE seq > ?');
  const countIn = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM household_docs WHERE area IN (SELECT value FROM json_each(?)) AND seq > ?',
  );

  const write = (doc: HouseholdDoc) => {
    const checked = checkHouseholdDoc(doc);
    if (!checked.ok) throw new AppError('validation-failed', `Household document ${doc.id} is not valid.`, checked.errors);
    upsert.run({
      id: doc.id,
      area: doc.area,
      version: doc.version,
      deleted: doc._deleted ? 1 : 0,
      updatedAt: doc.updatedAt,
      doc: JSON.stringify(doc),
    });
  };

  return {
    /**
     * Stores the current state of a household (a new one, a change, or a deletion as `_deleted: true`)
     * and gives it the next sequence number, so every device pulling its colline gets it.
     */
    upsert: (doc: HouseholdDoc): void => write(doc),
    /** Many documents in one transaction (registry rebuilds, seeding). */
    upsertMany: db.transaction((docs: readonly HouseholdDoc[]) => {
      for (const doc of docs) write(doc);
    }),
    get: (id: string): HouseholdDoc | null => {
      const row = get.get(id);
      return row ? (JSON.parse(row.doc) as HouseholdDoc) : null;
    },
    /** Changes after `seq` in commit order, tombstones included. */
    pull: (scope: HouseholdScope, seq: number, limit: number) => {
      const rows = scope.all ? pullAll.all(seq, limit) : pullIn.all(JSON.stringify(scope.collines), seq, limit);
      return rows.map((r) => ({ seq: r.seq, doc: JSON.parse(r.doc) as HouseholdDoc }));
    },
    /** How many changes in scope come after `seq` (for progress bars). */
    countAfter: (scope: HouseholdScope, seq: number): number =>
      (scope.all ? countAll.get(seq) : countIn.get(JSON.stringify(scope.collines), seq))!.n,
  };
}

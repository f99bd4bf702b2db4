import type { HouseholdDoc } from '@kusanya/schemas';
import type { Db } from '../db/database.js';
import { boundedPage } from './pull-page.js';

/** Which households a pull may see (domain/read-policy.ts `householdReads`): those of these collines, or all (null). */
export type HouseholdScope = { collines: readonly string[] } | null;

interface HouseholdRow {
  id: string;
  code: string;
  area: string;
  version: number;
  seq: number;
  values_json: string;
  updated_at: string;
}

interface MemberRow {
  household_id: string;
  individual_id: string;
  role: HouseholdDoc['members'][number]['role'];
  relationship: string | null;
  recipient: HouseholdDoc['members'][number]['recipient'];
  respondent: number;
  values_json: string;
}

export type HouseholdPullRepository = ReturnType<typeof householdPullRepository>;

/**
 * The `households` sync collection (DESIGN.md §3), read straight from the registry: each household with its
 * active members as a `HouseholdDoc`, in `households.seq` order (bumped by every approved change, in commit
 * order) so devices pull from any checkpoint. Three indexed queries per page, whatever its size.
 */
export function householdPullRepository(db: Db) {
  const COLS = 'id, code, area, version, seq, values_json, updated_at';
  const pageAll = db.prepare<[number, number], HouseholdRow>(
    `SELECT ${COLS} FROM households WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  const pageIn = db.prepare<[string, number, number], HouseholdRow>(
    `SELECT ${COLS} FROM households WHERE area IN (SELECT value FROM json_each(?)) AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const one = db.prepare<[string], HouseholdRow>(`SELECT ${COLS} FROM households WHERE id = ?`);
  const members = db.prepare<[string], MemberRow>(
    `SELECT m.household_id, m.individual_id, m.role, m.relationship, m.recipient, m.respondent, i.values_json
     FROM memberships m JOIN individuals i ON i.id = m.individual_id
     WHERE m.household_id IN (SELECT value FROM json_each(?)) AND m.ended_at IS NULL
     ORDER BY m.household_id, m.position, m.id`,
  );
  const countAll = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM households WHERE seq > ?');
  const countIn = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM households WHERE area IN (SELECT value FROM json_each(?)) AND seq > ?',
  );

  /** Each household with its active members, and the bytes of their values (what a pull page counts). */
  const docs = (rows: HouseholdRow[]): { seq: number; doc: HouseholdDoc; bytes: number }[] => {
    if (rows.length === 0) return [];
    const byHousehold = new Map<string, HouseholdDoc['members']>(rows.map((r) => [r.id, []]));
    const bytes = new Map<string, number>(rows.map((r) => [r.id, r.values_json.length]));
    for (const m of members.all(JSON.stringify(rows.map((r) => r.id)))) {
      bytes.set(m.household_id, bytes.get(m.household_id)! + m.values_json.length);
      byHousehold.get(m.household_id)!.push({
        individualId: m.individual_id,
        role: m.role,
        ...(m.relationship ? { relationship: m.relationship } : {}),
        recipient: m.recipient ?? null,
        respondent: m.respondent === 1,
        values: JSON.parse(m.values_json) as Record<string, unknown>,
      });
    }
    return rows.map((r) => ({
      seq: r.seq,
      bytes: bytes.get(r.id)!,
      doc: {
        id: r.id,
        code: r.code,
        area: r.area,
        version: r.version,
        values: JSON.parse(r.values_json) as Record<string, unknown>,
        members: byHousehold.get(r.id)!,
        updatedAt: r.updated_at,
        _deleted: false,
      },
    }));
  };

  return {
    /** One household as devices see it, or null. */
    get: (id: string): HouseholdDoc | null => {
      const row = one.get(id);
      return row ? docs([row])[0]!.doc : null;
    },
    /** Changes after `seq` in commit order: at most `limit` households and about `maxBytes` with their members. */
    pull: (scope: HouseholdScope, seq: number, limit: number, maxBytes: number) => {
      const rows = scope === null ? pageAll.all(seq, limit) : pageIn.all(JSON.stringify(scope.collines), seq, limit);
      return boundedPage(docs(rows)[Symbol.iterator](), (d) => d.bytes, limit, maxBytes).map(({ seq, doc }) => ({
        seq,
        doc,
      }));
    },
    /** How many changes in scope come after `seq` (for progress bars). */
    countAfter: (scope: HouseholdScope, seq: number): number =>
      (scope === null ? countAll.get(seq) : countIn.get(JSON.stringify(scope.collines), seq))!.n,
  };
}

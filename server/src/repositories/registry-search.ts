import type { RegistryHit } from '@kusanya/schemas';
import type { Db } from '../db/database.js';

/** Household status as the registry browser filters it. */
export type HouseholdStatus = 'active' | 'inactive' | 'visit_pending';

export interface SearchHit {
  /** Row id in the full-text index: the keyset of the pagination. */
  docId: number;
  kind: 'household' | 'individual';
  entityId: string;
  householdId: string | null;
}

export interface HitHousehold {
  id: string;
  code: string;
  area: string;
  commune: string;
  province: string;
  size: number;
  version: number;
  updatedAt: string;
  headName: string | null;
}

/** The person a hit is about (schemas: RegistryHit.person). */
export type HitPerson = NonNullable<RegistryHit['person']>;

/** Visits of a household still open on the review side. */
const OPEN_VISIT = `EXISTS (SELECT 1 FROM submissions s WHERE json_extract(s.doc, '$.meta.subject.householdId') = d.household_id
  AND s.deleted = 0 AND s.status IN ('submitted', 'pending_review', 'needs_correction', 'returned'))`;

const STATUS_CONDITION: Record<HouseholdStatus | 'any', string> = {
  any: '',
  active: 'AND EXISTS (SELECT 1 FROM households h WHERE h.id = d.household_id AND h.size > 0)',
  inactive: 'AND EXISTS (SELECT 1 FROM households h WHERE h.id = d.household_id AND h.size = 0)',
  visit_pending: `AND ${OPEN_VISIT}`,
};

export type RegistrySearchRepository = ReturnType<typeof registrySearchRepository>;

/** All SQL of the registry search: the full-text index (migration 050) and what a result line shows. */
export function registrySearchRepository(db: Db) {
  const page = Object.fromEntries(
    Object.entries(STATUS_CONDITION).map(([status, condition]) => [
      status,
      db.prepare<
        [string, number, number],
        { id: number; kind: SearchHit['kind']; entity_id: string; household_id: string | null }
      >(
        `SELECT d.id, d.kind, d.entity_id, d.household_id
         FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
         WHERE search_fts MATCH ? AND search_fts.rowid > ? ${condition}
         ORDER BY search_fts.rowid LIMIT ?`,
      ),
    ]),
  );
  const count = Object.fromEntries(
    Object.entries(STATUS_CONDITION).map(([status, condition]) => [
      status,
      db.prepare<[string, number], { n: number }>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
         WHERE search_fts MATCH ? ${condition} LIMIT ?)`,
      ),
    ]),
  );
  const household = db.prepare<
    [string],
    {
      id: string;
      code: string;
      area: string;
      commune: string;
      province: string;
      size: number;
      version: number;
      updated_at: string;
      head_name: string | null;
    }
  >(
    `SELECT h.id, h.code, h.area, h.commune, h.province, h.size, h.version, h.updated_at,
       (SELECT trim(coalesce(i.first_name, '') || ' ' || coalesce(i.last_name, ''))
          FROM memberships m JOIN individuals i ON i.id = m.individual_id
         WHERE m.household_id = h.id AND m.ended_at IS NULL AND m.role = 'HEAD' LIMIT 1) AS head_name
     FROM households h WHERE h.id = ?`,
  );
  const person = db.prepare<
    [string | null, string],
    {
      id: string;
      first_name: string | null;
      last_name: string | null;
      sex: string | null;
      birth_year: number | null;
      national_id: string | null;
      phone: string | null;
      role: string | null;
      recipient: string | null;
      active: number | null;
    }
  >(
    `SELECT i.id, i.first_name, i.last_name, i.sex, i.birth_year, i.national_id, i.phone, m.role, m.recipient, m.ended_at IS NULL AS active
     FROM individuals i
     LEFT JOIN memberships m ON m.id = (SELECT id FROM memberships WHERE household_id = ? AND individual_id = i.id ORDER BY id DESC LIMIT 1)
     WHERE i.id = ?`,
  );

  return {
    /** One page of hits of a match expression, in index order after `after`. */
    hits(match: string, after: number, limit: number, status: HouseholdStatus | 'any' = 'any'): SearchHit[] {
      return page[status]!.all(match, after, limit).map((r) => ({
        docId: r.id,
        kind: r.kind,
        entityId: r.entity_id,
        householdId: r.household_id,
      }));
    },
    /** How many documents match, counting no further than `cap`. */
    countUpTo(match: string, cap: number, status: HouseholdStatus | 'any' = 'any'): number {
      return count[status]!.get(match, cap)!.n;
    },
    household(id: string): HitHousehold | null {
      const r = household.get(id);
      return r
        ? {
            id: r.id,
            code: r.code,
            area: r.area,
            commune: r.commune,
            province: r.province,
            size: r.size,
            version: r.version,
            updatedAt: r.updated_at,
            headName: r.head_name || null,
          }
        : null;
    },
    person(individualId: string, householdId: string | null): HitPerson | null {
      const r = person.get(householdId, individualId);
      return r
        ? {
            id: r.id,
            firstName: r.first_name,
            lastName: r.last_name,
            sex: r.sex,
            birthYear: r.birth_year,
            nationalId: r.national_id,
            phone: r.phone,
            role: r.role,
            recipient: r.recipient,
            activeMember: r.active === 1,
          }
        : null;
    },
  };
}

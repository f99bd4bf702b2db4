import type { Db } from '../db/database.js';
import { CANDIDATES_PER_RULE } from './review.js';
import { searchIndexWriter } from './search-index.js';

import type { HistoryEntry, HouseholdRecord, IndividualRecord, MembershipRecord } from '../domain/registry/records.js';

export type { HistoryEntry, HouseholdRecord, IndividualRecord, MembershipRecord };

interface HouseholdRow {
  id: string;
  code: string;
  area: string;
  commune: string;
  province: string;
  version: number;
  head_name_norm: string;
  size: number;
  values_json: string;
  created_at: string;
  updated_at: string;
  created_by_submission: string;
}
interface IndividualRow {
  id: string;
  first_name: string | null;
  last_name: string | null;
  sex: string | null;
  birth_date: string | null;
  birth_year: number | null;
  national_id: string | null;
  national_id_norm: string | null;
  phone: string | null;
  name_norm: string;
  commune: string;
  values_json: string;
  version: number;
  created_at: string;
  updated_at: string;
}
interface MembershipRow {
  id: number;
  household_id: string;
  individual_id: string;
  role: string;
  relationship: string | null;
  recipient: string | null;
  respondent: number;
  position: number;
  started_at: string;
  started_by: string;
  ended_at: string | null;
  ended_by: string | null;
}

const household = (r: HouseholdRow): HouseholdRecord => ({
  id: r.id,
  code: r.code,
  area: r.area,
  commune: r.commune,
  province: r.province,
  version: r.version,
  headNameNorm: r.head_name_norm,
  size: r.size,
  values: JSON.parse(r.values_json) as Record<string, unknown>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  createdBySubmission: r.created_by_submission,
});
const individual = (r: IndividualRow): IndividualRecord => ({
  id: r.id,
  firstName: r.first_name,
  lastName: r.last_name,
  sex: r.sex,
  birthDate: r.birth_date,
  birthYear: r.birth_year,
  nationalId: r.national_id,
  nationalIdNorm: r.national_id_norm,
  phone: r.phone,
  nameNorm: r.name_norm,
  commune: r.commune,
  values: JSON.parse(r.values_json) as Record<string, unknown>,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const membership = (r: MembershipRow): MembershipRecord => ({
  id: r.id,
  householdId: r.household_id,
  individualId: r.individual_id,
  role: r.role,
  relationship: r.relationship,
  recipient: r.recipient,
  respondent: r.respondent === 1,
  position: r.position,
  startedAt: r.started_at,
  startedBy: r.started_by,
  endedAt: r.ended_at,
  endedBy: r.ended_by,
});

const HOUSEHOLD_COLS =
  'id, code, area, commune, province, version, head_name_norm, size, values_json, created_at, updated_at, created_by_submission';
const INDIVIDUAL_COLS =
  'id, first_name, last_name, sex, birth_date, birth_year, national_id, national_id_norm, phone, name_norm, commune, values_json, version, created_at, updated_at';
const MEMBERSHIP_COLS =
  'id, household_id, individual_id, role, relationship, recipient, respondent, position, started_at, started_by, ended_at, ended_by';

export type RegistryRepository = ReturnType<typeof registryRepository>;

/** All SQL of the registry: households, individuals, memberships, history and household codes. */
export function registryRepository(db: Db) {
  const s = {
    getHousehold: db.prepare<[string], HouseholdRow>(`SELECT ${HOUSEHOLD_COLS} FROM households WHERE id = ?`),
    insertHousehold: db.prepare(
      `INSERT INTO households (${HOUSEHOLD_COLS}, seq) VALUES (@id, @code, @area, @commune, @province, @version, @headNameNorm, @size, @values, @createdAt, @updatedAt, @createdBySubmission,
         (SELECT coalesce(max(seq), 0) + 1 FROM households))`,
    ),
    updateHousehold: db.prepare(
      `UPDATE households SET version = @version, head_name_norm = @headNameNorm, size = @size, values_json = @values, updated_at = @updatedAt,
         seq = (SELECT coalesce(max(seq), 0) + 1 FROM households) WHERE id = @id`,
    ),
    getIndividual: db.prepare<[string], IndividualRow>(`SELECT ${INDIVIDUAL_COLS} FROM individuals WHERE id = ?`),
    insertIndividual: db.prepare(
      `INSERT INTO individuals (${INDIVIDUAL_COLS}) VALUES (@id, @firstName, @lastName, @sex, @birthDate, @birthYear, @nationalId, @nationalIdNorm, @phone, @nameNorm, @commune, @values, @version, @createdAt, @updatedAt)`,
    ),
    updateIndividual: db.prepare(
      `UPDATE individuals SET first_name = @firstName, last_name = @lastName, sex = @sex, birth_date = @birthDate, birth_year = @birthYear,
         national_id = @nationalId, national_id_norm = @nationalIdNorm, phone = @phone, name_norm = @nameNorm, commune = @commune,
         values_json = @values, version = @version, updated_at = @updatedAt WHERE id = @id`,
    ),
    activeMembers: db.prepare<[string], MembershipRow>(
      `SELECT ${MEMBERSHIP_COLS} FROM memberships WHERE household_id = ? AND ended_at IS NULL ORDER BY position, id`,
    ),
    activeMembershipOf: db.prepare<[string], MembershipRow>(
      `SELECT ${MEMBERSHIP_COLS} FROM memberships WHERE individual_id = ? AND ended_at IS NULL`,
    ),
    insertMembership: db.prepare(
      `INSERT INTO memberships (household_id, individual_id, role, relationship, recipient, respondent, position, started_at, started_by)
       VALUES (@householdId, @individualId, @role, @relationship, @recipient, @respondent, @position, @startedAt, @startedBy)`,
    ),
    updateMembership: db.prepare(
      'UPDATE memberships SET role = @role, relationship = @relationship, recipient = @recipient, respondent = @respondent, position = @position WHERE id = @id',
    ),
    endMembership: db.prepare('UPDATE memberships SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL'),
    insertHistory: db.prepare(
      `INSERT INTO registry_history (household_id, household_version, entity, entity_id, field, old_value, new_value, submission_id, approved_by, at)
       VALUES (@householdId, @householdVersion, @entity, @entityId, @field, @oldValue, @newValue, @submissionId, @approvedBy, @at)`,
    ),
    history: db.prepare<
      [string],
      {
        household_id: string;
        household_version: number;
        entity: HistoryEntry['entity'];
        entity_id: string;
        field: string;
        old_value: string | null;
        new_value: string | null;
        submission_id: string;
        approved_by: string;
        at: string;
      }
    >(
      'SELECT household_id, household_version, entity, entity_id, field, old_value, new_value, submission_id, approved_by, at FROM registry_history WHERE household_id = ? ORDER BY id',
    ),
    bumpCode: db.prepare<[number, string], { last: number }>(
      `INSERT INTO household_code_counters (year, province, last) VALUES (?, ?, 1)
       ON CONFLICT (year, province) DO UPDATE SET last = last + 1 RETURNING last`,
    ),
    byNationalId: db.prepare<[string, number], { id: string }>(
      'SELECT id FROM individuals WHERE national_id_norm = ? LIMIT ?',
    ),
    byName: db.prepare<[string, string, string, number, number, number], { id: string }>(
      'SELECT id FROM individuals WHERE commune = ? AND name_norm = ? AND sex = ? AND birth_year BETWEEN ? AND ? LIMIT ?',
    ),
    individualFromSubmission: db.prepare<[string, number], { individual_id: string }>(
      'SELECT individual_id FROM memberships WHERE started_by = ? AND position = ? ORDER BY id LIMIT 1',
    ),
    // A literal LIMIT: SQLite runs a bound one several times slower on every call.
    householdsLike: db.prepare<[string, string, number, number], { id: string }>(
      `SELECT id FROM households WHERE area = ? AND head_name_norm = ? AND size BETWEEN ? AND ? LIMIT ${CANDIDATES_PER_RULE}`,
    ),
  };

  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  // The registry search index follows every write below, in the same transaction.
  const searchIndex = searchIndexWriter(db);

  return {
    getHousehold: (id: string) => {
      const row = s.getHousehold.get(id);
      return row ? household(row) : null;
    },
    /** A new household; `respondent`: its respondent's name when not a member's (searchable on the household). */
    insertHousehold: (h: HouseholdRecord, respondent: string | null = null) => {
      s.insertHousehold.run({ ...h, values: JSON.stringify(h.values) });
      searchIndex.household({ ...h, respondent });
    },
    updateHousehold: (
      h: Pick<HouseholdRecord, 'id' | 'code' | 'version' | 'headNameNorm' | 'size' | 'values' | 'updatedAt'>,
      respondent: string | null = null,
    ) => {
      s.updateHousehold.run({ ...h, values: JSON.stringify(h.values) });
      searchIndex.householdChanged({ id: h.id, code: h.code, respondent });
    },
    getIndividual: (id: string) => {
      const row = s.getIndividual.get(id);
      return row ? individual(row) : null;
    },
    insertIndividual: (i: IndividualRecord) => s.insertIndividual.run({ ...i, values: JSON.stringify(i.values) }),
    updateIndividual: (i: IndividualRecord) => {
      const before = s.getIndividual.get(i.id);
      s.updateIndividual.run({ ...i, values: JSON.stringify(i.values) });
      const searched = (r: {
        first_name: string | null;
        last_name: string | null;
        name_norm: string;
        national_id_norm: string | null;
        phone: string | null;
      }) => [r.first_name, r.last_name, r.name_norm, r.national_id_norm, r.phone].join('|');
      if (!before || searched(before) !== [i.firstName, i.lastName, i.nameNorm, i.nationalIdNorm, i.phone].join('|'))
        searchIndex.person(i.id);
    },
    activeMembers: (householdId: string) => s.activeMembers.all(householdId).map(membership),
    activeMembershipOf: (individualId: string) => {
      const row = s.activeMembershipOf.get(individualId);
      return row ? membership(row) : null;
    },
    insertMembership: (m: Omit<MembershipRecord, 'id' | 'endedAt' | 'endedBy'>) => {
      s.insertMembership.run({ ...m, respondent: m.respondent ? 1 : 0 });
      searchIndex.member(m.individualId, m.householdId);
    },
    updateMembership: (
      m: Pick<MembershipRecord, 'id' | 'role' | 'relationship' | 'recipient' | 'respondent' | 'position'>,
    ) => s.updateMembership.run({ ...m, respondent: m.respondent ? 1 : 0 }),
    endMembership: (id: number, at: string, bySubmission: string) =>
      s.endMembership.run(at, bySubmission, id).changes > 0,
    addHistory: (entries: HistoryEntry[]) => {
      for (const e of entries) s.insertHistory.run({ ...e, oldValue: json(e.oldValue), newValue: json(e.newValue) });
    },
    history: (householdId: string): HistoryEntry[] =>
      s.history.all(householdId).map((r) => ({
        householdId: r.household_id,
        householdVersion: r.household_version,
        entity: r.entity,
        entityId: r.entity_id,
        field: r.field,
        oldValue: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
        newValue: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
        submissionId: r.submission_id,
        approvedBy: r.approved_by,
        at: r.at,
      })),
    /** Next sequence number for household codes of this year and province. */
    nextHouseholdSequence: (year: number, province: string) => s.bumpCode.get(year, province)!.last,
    /** Ids of individuals with this normalised national ID (duplicate candidates). */
    individualsByNationalId: (norm: string, limit = 10) => s.byNationalId.all(norm, limit).map((r) => r.id),
    /** Ids of individuals of the commune with this normalised name and sex, born within a year of `year`. */
    individualsByName: (commune: string, nameNorm: string, sex: string, year: number, limit = 10) =>
      s.byName.all(commune, nameNorm, sex, year - 1, year + 1, limit).map((r) => r.id),
    /** The individual a roster line of an approved submission became (for "same person" links to it). */
    individualFromSubmission: (submissionId: string, memberIndex: number) =>
      s.individualFromSubmission.get(submissionId, memberIndex)?.individual_id ?? null,
    /** Ids of households of the colline with this head name and a size within one of `size`. */
    /** At most CANDIDATES_PER_RULE registry households with this head name and size ±1 in the colline. */
    householdsLike: (area: string, headNameNorm: string, size: number) =>
      s.householdsLike.all(area, headNameNorm, size - 1, size + 1).map((r) => r.id),
  };
}

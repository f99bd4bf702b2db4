import type { Db } from '../db/database.js';
import type { CaseRecord, CommentRecord, EventRecord } from './grievance-cases.js';
import type { HistoryEntry, HouseholdRecord, IndividualRecord, MembershipRecord } from './registry.js';
import { placeText, searchIndexWriter, type IndexedPerson } from './search-index.js';

/**
 * Bulk writes of the synthetic registry generator (`npm run cli -- seed synthetic`): the same tables and
 * columns approval writes, with prepared statements and sequence numbers allocated by the caller, so a
 * whole batch goes in one transaction. The search index is written alongside, as the registry repository does.
 */
export type SyntheticRepository = ReturnType<typeof syntheticRepository>;

export interface SubmissionRow {
  id: string;
  seq: number;
  formId: string;
  formVersion: string;
  enumeratorId: string;
  area: string;
  status: string;
  rev: number;
  receivedAt: string;
  updatedAt: string;
  doc: string;
}

export interface ReviewRow {
  submissionId: string;
  submissionRev: number;
  decision: 'approve' | 'reject' | 'return';
  reason: string | null;
  comment: string | null;
  reviewerId: string;
  at: string;
}

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
    codeCounter: db.prepare<[number, string], { last: number }>('SELECT last FROM household_code_counters WHERE year = ? AND province = ?'),
    setCodeCounter: db.prepare(
      'INSERT INTO household_code_counters (year, province, last) VALUES (?, ?, ?) ON CONFLICT (year, province) DO UPDATE SET last = max(last, excluded.last)',
    ),
    ticketCounter: db.prepare<[number], { last: number }>('SELECT last FROM grievance_code_counters WHERE year = ?'),
    setTicketCounter: db.prepare(
      'INSERT INTO grievance_code_counters (year, last) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last)',
    ),
    insertHousehold: db.prepare(
      `INSERT INTO households (id, code, area, commune, province, version, seq, head_name_norm, size, values_json, created_at, updated_at, created_by_submission)
       VALUES (@id, @code, @area, @commune, @province, @version, @seq, @headNameNorm, @size, @values, @createdAt, @updatedAt, @createdBySubmission)`,
    ),
    // Positional parameters on the statements run millions of times (faster to bind than named ones).
    insertIndividual: db.prepare(
      `INSERT INTO individuals (id, first_name, last_name, sex, birth_date, birth_year, national_id, national_id_norm, phone, name_norm, commune, values_json, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertMembership: db.prepare(
      `INSERT INTO memberships (household_id, individual_id, role, relationship, recipient, respondent, position, started_at, started_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),

    insertSubmission: db.prepare(
      `INSERT INTO submissions (id, seq, form_id, form_version, enumerator_id, area, status, rev, deleted, received_at, updated_at, doc)
       VALUES (@id, @seq, @formId, @formVersion, @enumeratorId, @area, @status, @rev, 0, @receivedAt, @updatedAt, @doc)`,
    ),
    insertReview: db.prepare(
      `INSERT INTO reviews (submission_id, submission_rev, decision, reason, comment, reviewer_id, registry_version, at)
       VALUES (@submissionId, @submissionRev, @decision, @reason, @comment, @reviewerId, NULL, @at)`,
    ),
    insertTicket: db.prepare(
      `INSERT INTO grievance_tickets (id, code, submission_id, status, case_type, category, subcategory, sensitive, special, channel, anonymous,
         area, commune, province, description, incident_date, received_at, due_at, assigned_to, version, updated_at, household_code, reporter_id_norm,
         resolved_at, closed_at)
       VALUES (@id, @code, @submissionId, @status, @caseType, @category, @subcategory, @sensitive, @special, @channel, @anonymous,
         @area, @commune, @province, @description, @incidentDate, @receivedAt, @dueAt, @assignedTo, @version, @updatedAt, @householdCode, @reporterIdNorm,
         @resolvedAt, @closedAt)`,
    ),
    insertComment: db.prepare(
      'INSERT INTO grievance_comments (id, ticket_id, author_id, body, resolution, created_at) VALUES (@id, @ticketId, @authorId, @body, @resolution, @createdAt)',
    ),
    insertEvent: db.prepare(
      'INSERT INTO grievance_events (ticket_id, actor_id, kind, from_value, to_value, at) VALUES (@ticketId, @actorId, @kind, @from, @to, @at)',
    ),
    upsertTarget: db.prepare(
      `INSERT INTO indicator_targets (indicator_code, quarter, area, target, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (indicator_code, quarter, area) DO UPDATE SET target = excluded.target, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ),
    indicatorCodes: db.prepare<[], { code: string; measure: string; activity_type: string | null }>('SELECT code, measure, activity_type FROM indicators WHERE active = 1'),
  };
  const searchIndex = searchIndexWriter(db);
  // History rows of one household in one statement (1 + 2 per member): a statement per row count.
  const historyStatements = new Map<number, ReturnType<Db['prepare']>>();
  const historyInsert = (rows: number) => {
    let statement = historyStatements.get(rows);
    if (!statement) {
      statement = db.prepare(
        `INSERT INTO registry_history (household_id, household_version, entity, entity_id, field, old_value, new_value, submission_id, approved_by, at)
         VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)').join(', ')}`,
      );
      historyStatements.set(rows, statement);
    }
    return statement;
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
    householdCodeCounter: (year: number, province: string) => s.codeCounter.get(year, province)?.last ?? 0,
    setHouseholdCodeCounter: (year: number, province: string, last: number) => s.setCodeCounter.run(year, province, last),
    ticketCounter: (year: number) => s.ticketCounter.get(year)?.last ?? 0,
    setTicketCounter: (year: number, last: number) => s.setTicketCounter.run(year, last),
    /** The household and its search document; returns the place text its members are indexed under. */
    insertHousehold: (h: Omit<HouseholdRecord, 'values'> & { seq: number; valuesJson: string }): string => {
      s.insertHousehold.run({ ...h, values: h.valuesJson });
      searchIndex.household(h);
      return placeText(h);
    },
    insertIndividual: (i: Omit<IndividualRecord, 'values'> & { valuesJson: string }) =>
      s.insertIndividual.run(i.id, i.firstName, i.lastName, i.sex, i.birthDate, i.birthYear, i.nationalId, i.nationalIdNorm, i.phone, i.nameNorm, i.commune, i.valuesJson, i.version, i.createdAt, i.updatedAt),
    insertMembership: (m: Omit<MembershipRecord, 'id' | 'endedAt' | 'endedBy'>, person: IndexedPerson, place: string) => {
      s.insertMembership.run(m.householdId, m.individualId, m.role, m.relationship, m.recipient, m.respondent ? 1 : 0, m.position, m.startedAt, m.startedBy);
      searchIndex.member(m.individualId, m.householdId, { person, place, isNew: true });
    },
    /** History rows whose new values are already JSON (the generator serialises each value once), in one statement. */
    insertHistory: (entries: (Omit<HistoryEntry, 'oldValue' | 'newValue'> & { newValueJson: string })[]) => {
      if (entries.length === 0) return;
      historyInsert(entries.length).run(entries.flatMap((e) => [e.householdId, e.householdVersion, e.entity, e.entityId, e.field, e.newValueJson, e.submissionId, e.approvedBy, e.at]));
    },
    insertSubmission: (row: SubmissionRow) => s.insertSubmission.run(row),
    insertReview: (row: ReviewRow) => s.insertReview.run(row),
    insertTicket: (t: CaseRecord) => s.insertTicket.run({ ...t, sensitive: t.sensitive ? 1 : 0, special: t.special ? 1 : 0, anonymous: t.anonymous ? 1 : 0 }),
    insertComment: (c: CommentRecord) => s.insertComment.run({ ...c, resolution: c.resolution ? 1 : 0 }),
    insertEvent: (e: EventRecord) => s.insertEvent.run(e),
    setTarget: (indicator: string, quarter: string, area: string, target: number, at: string, by: string) => s.upsertTarget.run(indicator, quarter, area, target, at, by),
    indicators: () => s.indicatorCodes.all().map((r) => ({ code: r.code, measure: r.measure, activityType: r.activity_type })),
    /** Full-text index tuning for a bulk load: a larger in-memory buffer, then one merge at the end. */
    setSearchBuffer: (bytes: number) => db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ?)").run(BigInt(bytes)),
    optimizeSearch: () => db.prepare("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run(),
  };
}

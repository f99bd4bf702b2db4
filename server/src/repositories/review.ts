import type { Submission } from '@kusanya/schemas';
import type { Db } from '../db/database.js';
import type { SubmissionReads } from '../domain/read-policy.js';
import { submissionReadCondition } from './read-sql.js';
import { statementCache } from './statement-cache.js';

export type CandidateRule = 'national_id' | 'name' | 'household';

/** At most this many duplicate candidates per member (or household), rule and kind. */
export const CANDIDATES_PER_RULE = 5;
export type CandidateKind = 'individual' | 'household' | 'pending_person' | 'pending_household';

export interface CandidateRecord {
  id: number;
  submissionId: string;
  memberIndex: number | null;
  rule: CandidateRule;
  candidateKind: CandidateKind;
  candidateId: string;
  decision: 'same' | 'different' | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** One member as the duplicate rules see them (normalised), for lookups and the "waiting" index. */
export interface PersonProbe {
  idx: number;
  name: string;
  sex: string | null;
  year: number | null;
  nid: string | null;
}

export interface ReviewRecord {
  submissionId: string;
  submissionRev: number;
  decision: 'approve' | 'reject' | 'return';
  reason: string | null;
  comment: string | null;
  reviewerId: string;
  registryVersion: number | null;
  at: string;
}

export interface QueueFilter {
  /** What the reviewer may read (domain/read-policy.ts), applied in the query. */
  reads: SubmissionReads;
  status: Submission['status'];
  enumeratorId?: string | undefined;
  formId?: string | undefined;
  area?: string | undefined;
  /** Only records received at or before this time (waiting at least …). */
  receivedBefore?: string | undefined;
  /** Keyset pagination: records received after this (received_at, id). */
  after?: { receivedAt: string; id: string } | undefined;
  limit: number;
}

interface CandidateRow {
  id: number;
  submission_id: string;
  member_index: number | null;
  rule: CandidateRule;
  candidate_kind: CandidateKind;
  candidate_id: string;
  decision: 'same' | 'different' | null;
  decided_by: string | null;
  decided_at: string | null;
}

const candidate = (r: CandidateRow): CandidateRecord => ({
  id: r.id,
  submissionId: r.submission_id,
  memberIndex: r.member_index,
  rule: r.rule,
  candidateKind: r.candidate_kind,
  candidateId: r.candidate_id,
  decision: r.decision,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

const QUEUE_WHERE = `status = @status AND deleted = 0
  AND (@enumeratorId IS NULL OR enumerator_id = @enumeratorId)
  AND (@formId IS NULL OR form_id = @formId)
  AND (@area IS NULL OR area = @area)
  AND (@receivedBefore IS NULL OR received_at <= @receivedBefore)`;

export type ReviewRepository = ReturnType<typeof reviewRepository>;

/** SQL of the review pipeline: decisions, duplicate candidates, and the people waiting for review. */
export function reviewRepository(db: Db) {
  const s = {
    insertReview: db.prepare(
      `INSERT INTO reviews (submission_id, submission_rev, decision, reason, comment, reviewer_id, registry_version, at)
       VALUES (@submissionId, @submissionRev, @decision, @reason, @comment, @reviewerId, @registryVersion, @at)`,
    ),
    reviewsOf: db.prepare<
      [string],
      {
        submission_id: string;
        submission_rev: number;
        decision: ReviewRecord['decision'];
        reason: string | null;
        comment: string | null;
        reviewer_id: string;
        registry_version: number | null;
        at: string;
      }
    >(
      'SELECT submission_id, submission_rev, decision, reason, comment, reviewer_id, registry_version, at FROM reviews WHERE submission_id = ? ORDER BY id',
    ),
    deletePendingPeople: db.prepare('DELETE FROM pending_people WHERE submission_id = ?'),
    insertPendingHousehold: db.prepare(
      'INSERT OR REPLACE INTO pending_households (submission_id, area, head_name_norm, size) VALUES (?, ?, ?, ?)',
    ),
    deletePendingHousehold: db.prepare('DELETE FROM pending_households WHERE submission_id = ?'),
    // A literal LIMIT: SQLite runs a bound one several times slower on every call.
    pendingHouseholdsLike: db.prepare<[string, string, number, number, string], { submission_id: string }>(
      `SELECT submission_id FROM pending_households
       WHERE area = ? AND head_name_norm = ? AND size BETWEEN ? AND ? AND submission_id != ? LIMIT ${CANDIDATES_PER_RULE}`,
    ),
    insertCandidate: db.prepare(
      `INSERT OR IGNORE INTO duplicate_candidates (submission_id, member_index, rule, candidate_kind, candidate_id)
       VALUES (@submissionId, @memberIndex, @rule, @candidateKind, @candidateId)`,
    ),
    deleteOpenCandidates: db.prepare('DELETE FROM duplicate_candidates WHERE submission_id = ? AND decision IS NULL'),
    candidatesOf: db.prepare<[string], CandidateRow>(
      'SELECT id, submission_id, member_index, rule, candidate_kind, candidate_id, decision, decided_by, decided_at FROM duplicate_candidates WHERE submission_id = ? ORDER BY coalesce(member_index, -1), id',
    ),
    candidate: db.prepare<[number], CandidateRow>(
      'SELECT id, submission_id, member_index, rule, candidate_kind, candidate_id, decision, decided_by, decided_at FROM duplicate_candidates WHERE id = ?',
    ),
    decideCandidate: db.prepare(
      'UPDATE duplicate_candidates SET decision = ?, decided_by = ?, decided_at = ? WHERE id = ?',
    ),
    openCandidates: db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM duplicate_candidates WHERE submission_id = ? AND decision IS NULL',
    ),
    insertDismissal: db.prepare(
      'INSERT OR IGNORE INTO duplicate_dismissals (identity, candidate_id, decided_by, at) VALUES (?, ?, ?, ?)',
    ),
    dismissed: db.prepare<[string, string], { identity: string }>(
      'SELECT identity FROM duplicate_dismissals WHERE identity = ? AND candidate_id = ?',
    ),
    insertAlias: db.prepare(
      'INSERT OR IGNORE INTO individual_aliases (alias_id, individual_id, submission_id, decided_by, at) VALUES (?, ?, ?, ?, ?)',
    ),
  };

  // Every person rule for all members of one submission in one query (DESIGN.md §4): the same normalised
  // national ID, or the same normalised name + sex + birth year ±1 in the commune, in the registry or in
  // another submission waiting for review; at most 5 candidates per member, rule and kind.
  const personCandidates = db.prepare<
    [{ probes: string; commune: string; submission: string }],
    { member_index: number; rule: CandidateRule; kind: CandidateKind; candidate: string }
  >(
    `WITH probe (idx, name_norm, sex, year, nid) AS MATERIALIZED (
       SELECT json_extract(value, '$.idx'), json_extract(value, '$.name'), json_extract(value, '$.sex'),
              json_extract(value, '$.year'), json_extract(value, '$.nid') FROM json_each(@probes)
     ),
     found (member_index, rule, kind, candidate) AS (
       SELECT p.idx, 'national_id', 'individual', i.id FROM probe p CROSS JOIN individuals i ON i.national_id_norm = p.nid
        WHERE p.nid IS NOT NULL
       UNION ALL
       SELECT p.idx, 'name', 'individual', i.id FROM probe p CROSS JOIN individuals i
           ON i.commune = @commune AND i.name_norm = p.name_norm AND i.sex = p.sex AND i.birth_year BETWEEN p.year - 1 AND p.year + 1
        WHERE p.sex IS NOT NULL AND p.year IS NOT NULL
       UNION ALL
       SELECT p.idx, 'national_id', 'pending_person', pp.submission_id || '#' || pp.member_index FROM probe p
         CROSS JOIN pending_people pp ON pp.national_id_norm = p.nid AND pp.submission_id != @submission
        WHERE p.nid IS NOT NULL
       UNION ALL
       SELECT p.idx, 'name', 'pending_person', pp.submission_id || '#' || pp.member_index FROM probe p
         CROSS JOIN pending_people pp ON pp.commune = @commune AND pp.name_norm = p.name_norm AND pp.sex = p.sex
          AND pp.birth_year BETWEEN p.year - 1 AND p.year + 1 AND pp.submission_id != @submission
        WHERE p.sex IS NOT NULL AND p.year IS NOT NULL
     )
     SELECT member_index, rule, kind, candidate FROM (
       SELECT *, row_number() OVER (PARTITION BY member_index, rule, kind ORDER BY candidate) AS n FROM found
     ) WHERE n <= ${CANDIDATES_PER_RULE}`,
  );
  const insertPendingPeople = db.prepare(
    `INSERT INTO pending_people (submission_id, member_index, name_norm, commune, sex, birth_year, national_id_norm)
     SELECT @submission, json_extract(value, '$.idx'), json_extract(value, '$.name'), @commune, json_extract(value, '$.sex'),
            json_extract(value, '$.year'), json_extract(value, '$.nid') FROM json_each(@probes)`,
  );

  // The queue's SQL depends on the shape of the reviewer's read policy (areas or everywhere, forms, confidential).
  const prepared = statementCache(db);
  const queueWhere = (f: Omit<QueueFilter, 'after' | 'limit'>) => {
    const reads = submissionReadCondition(f.reads);
    return {
      sql: [QUEUE_WHERE, ...reads.clauses].join(' AND '),
      params: {
        ...reads.params,
        status: f.status,
        enumeratorId: f.enumeratorId ?? null,
        formId: f.formId ?? null,
        area: f.area ?? null,
        receivedBefore: f.receivedBefore ?? null,
      },
    };
  };

  return {
    insertReview: (r: ReviewRecord) => s.insertReview.run(r),
    reviewsOf: (submissionId: string): ReviewRecord[] =>
      s.reviewsOf.all(submissionId).map((r) => ({
        submissionId: r.submission_id,
        submissionRev: r.submission_rev,
        decision: r.decision,
        reason: r.reason,
        comment: r.comment,
        reviewerId: r.reviewer_id,
        registryVersion: r.registry_version,
        at: r.at,
      })),
    /** Replaces the people and household a submission contributes to the "waiting for review" index. */
    setPending: (
      submissionId: string,
      commune: string,
      people: PersonProbe[],
      household: { area: string; headNameNorm: string; size: number } | null,
    ) => {
      s.deletePendingPeople.run(submissionId);
      s.deletePendingHousehold.run(submissionId);
      if (people.length > 0)
        insertPendingPeople.run({ submission: submissionId, commune, probes: JSON.stringify(people) });
      if (household) s.insertPendingHousehold.run(submissionId, household.area, household.headNameNorm, household.size);
    },
    /** Person duplicate candidates of a submission's members, in the registry and among records waiting. */
    personCandidates: (submissionId: string, commune: string, people: PersonProbe[]) =>
      people.length === 0
        ? []
        : personCandidates.all({ probes: JSON.stringify(people), commune, submission: submissionId }).map((r) => ({
            memberIndex: r.member_index,
            rule: r.rule,
            kind: r.kind,
            candidateId: r.candidate,
          })),
    clearPending: (submissionId: string) => {
      s.deletePendingPeople.run(submissionId);
      s.deletePendingHousehold.run(submissionId);
    },
    /** At most CANDIDATES_PER_RULE households waiting for review with this head name and size ±1 in the colline. */
    pendingHouseholdsLike: (area: string, headNameNorm: string, size: number, exceptSubmission: string) =>
      s.pendingHouseholdsLike.all(area, headNameNorm, size - 1, size + 1, exceptSubmission).map((r) => r.submission_id),
    /** Replaces the undecided candidates of a submission (decided ones are kept). */
    replaceOpenCandidates: (
      submissionId: string,
      candidates: Omit<CandidateRecord, 'id' | 'decision' | 'decidedBy' | 'decidedAt'>[],
    ) => {
      s.deleteOpenCandidates.run(submissionId);
      for (const c of candidates) s.insertCandidate.run(c);
    },
    candidatesOf: (submissionId: string) => s.candidatesOf.all(submissionId).map(candidate),
    candidate: (id: number) => {
      const row = s.candidate.get(id);
      return row ? candidate(row) : null;
    },
    decideCandidate: (id: number, decision: 'same' | 'different', by: string, at: string) =>
      s.decideCandidate.run(decision, by, at, id),
    openCandidateCount: (submissionId: string) => s.openCandidates.get(submissionId)!.n,
    dismiss: (identity: string, candidateId: string, by: string, at: string) =>
      s.insertDismissal.run(identity, candidateId, by, at),
    isDismissed: (identity: string, candidateId: string) => s.dismissed.get(identity, candidateId) !== undefined,
    addAlias: (aliasId: string, individualId: string, submissionId: string, by: string, at: string) =>
      s.insertAlias.run(aliasId, individualId, submissionId, by, at),
    queue: (f: QueueFilter) => {
      const where = queueWhere(f);
      const rows = prepared(
        `SELECT doc, received_at,
           (SELECT count(*) FROM duplicate_candidates c WHERE c.submission_id = s.id AND c.decision IS NULL) AS open_candidates,
           EXISTS (SELECT 1 FROM reviews r WHERE r.submission_id = s.id AND r.decision = 'return') AS returned
         FROM submissions s WHERE ${where.sql}
           AND (@afterAt IS NULL OR (received_at, id) > (@afterAt, @afterId))
         ORDER BY received_at, id LIMIT @limit`,
      ).all({
        ...where.params,
        afterAt: f.after?.receivedAt ?? null,
        afterId: f.after?.id ?? null,
        limit: f.limit,
      }) as { doc: string; received_at: string; open_candidates: number; returned: number }[];
      return rows.map((r) => ({
        doc: JSON.parse(r.doc) as Submission,
        receivedAt: r.received_at,
        openCandidates: r.open_candidates,
        returnedBefore: r.returned === 1,
      }));
    },
    queueCounts: (f: Omit<QueueFilter, 'after' | 'limit'>) => {
      const where = queueWhere(f);
      const rows = prepared(
        `SELECT form_id, area, enumerator_id, count(*) AS n FROM submissions WHERE ${where.sql} GROUP BY form_id, area, enumerator_id`,
      ).all(where.params) as { form_id: string; area: string; enumerator_id: string; n: number }[];
      return rows.map((r) => ({ formId: r.form_id, area: r.area, enumeratorId: r.enumerator_id, count: r.n }));
    },
  };
}

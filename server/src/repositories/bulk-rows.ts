import type { CaseRecord, CommentRecord, EventRecord } from './grievance-cases.js';
import type { HistoryEntry, HouseholdRecord, IndividualRecord, MembershipRecord } from './registry.js';
import type { ReviewRecord } from './review.js';

/**
 * Rows of a bulk load (the synthetic registry of `npm run cli -- seed synthetic`), ready to insert: one flat
 * array of values per table, in the order of the layout's bound columns below. The generating thread stages a
 * batch in a scratch SQLite file (bulk-staging.ts) and the writing thread copies it into the registry with one
 * INSERT … SELECT per table (bulkLoadRepository.copyStaged, which first checks the registry's invariants on the
 * batch), so that thread spends no time on JavaScript values at all.
 */
export type RowValue = string | number | null;

/** A registry table: its columns, those with a fixed value (an SQL literal), and how many rows go in one staging statement. */
export interface RowLayout {
  table: string;
  columns: readonly string[];
  literals: Readonly<Record<string, string>>;
  /** The columns whose values are in the batch, in order. */
  bound: readonly string[];
  chunk: number;
}

const layout = (
  table: string,
  columns: readonly string[],
  chunk: number,
  literals: Record<string, string> = {},
): RowLayout => ({
  table,
  columns,
  literals,
  bound: columns.filter((c) => !(c in literals)),
  chunk,
});

/**
 * Tables in the order a batch is written: submissions before the reviews that refer to them (a trigger reads
 * the submission), households and individuals before memberships, tickets before their events and comments.
 */
export const ROW_LAYOUTS = {
  submissions: layout(
    'submissions',
    [
      'id',
      'seq',
      'form_id',
      'form_version',
      'enumerator_id',
      'area',
      'status',
      'rev',
      'deleted',
      'received_at',
      'updated_at',
      'doc',
    ],
    8,
    { deleted: '0' },
  ),
  reviews: layout(
    'reviews',
    ['submission_id', 'submission_rev', 'decision', 'reason', 'comment', 'reviewer_id', 'registry_version', 'at'],
    16,
    { registry_version: 'NULL' },
  ),
  households: layout(
    'households',
    [
      'id',
      'code',
      'area',
      'commune',
      'province',
      'version',
      'seq',
      'head_name_norm',
      'size',
      'values_json',
      'created_at',
      'updated_at',
      'created_by_submission',
    ],
    16,
  ),
  individuals: layout(
    'individuals',
    [
      'id',
      'first_name',
      'last_name',
      'sex',
      'birth_date',
      'birth_year',
      'national_id',
      'national_id_norm',
      'phone',
      'name_norm',
      'commune',
      'values_json',
      'version',
      'created_at',
      'updated_at',
    ],
    16,
  ),
  memberships: layout(
    'memberships',
    [
      'household_id',
      'individual_id',
      'role',
      'relationship',
      'recipient',
      'respondent',
      'position',
      'started_at',
      'started_by',
    ],
    32,
  ),
  history: layout(
    'registry_history',
    [
      'household_id',
      'household_version',
      'entity',
      'entity_id',
      'field',
      'old_value',
      'new_value',
      'submission_id',
      'approved_by',
      'at',
    ],
    32,
    { old_value: 'NULL' },
  ),
  tickets: layout(
    'grievance_tickets',
    [
      'id',
      'code',
      'submission_id',
      'status',
      'case_type',
      'category',
      'subcategory',
      'sensitive',
      'special',
      'channel',
      'anonymous',
      'area',
      'commune',
      'province',
      'description',
      'incident_date',
      'received_at',
      'due_at',
      'assigned_to',
      'version',
      'updated_at',
      'household_code',
      'reporter_id_norm',
      'resolved_at',
      'closed_at',
    ],
    8,
  ),
  events: layout('grievance_events', ['ticket_id', 'actor_id', 'kind', 'from_value', 'to_value', 'at'], 16),
  comments: layout('grievance_comments', ['id', 'ticket_id', 'author_id', 'body', 'resolution', 'created_at'], 16),
} satisfies Record<string, RowLayout>;

export type RowTable = keyof typeof ROW_LAYOUTS;

/**
 * The `search` rows: a search document with its full-text text. The writer numbers the documents after the
 * last one (the full-text row id is the document's id).
 */
export const SEARCH_LAYOUT = layout('search', ['kind', 'entity_id', 'household_id', 'name', 'ids', 'place'], 32);

export type BulkRows = Record<RowTable | 'search', RowValue[]>;

export const emptyRows = (): BulkRows => ({
  submissions: [],
  reviews: [],
  households: [],
  individuals: [],
  memberships: [],
  history: [],
  tickets: [],
  events: [],
  comments: [],
  search: [],
});

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

/** A review decision as a bulk load records it (never against a changed registry). */
export type ReviewRow = Omit<ReviewRecord, 'registryVersion'>;

export type HistoryRow = Omit<HistoryEntry, 'oldValue' | 'newValue'> & { newValueJson: string };

/** Appends typed records to a batch's flat arrays, in the layouts' column order. */
export function rowWriter(rows: BulkRows) {
  return {
    submission(r: SubmissionRow): void {
      rows.submissions.push(
        r.id,
        r.seq,
        r.formId,
        r.formVersion,
        r.enumeratorId,
        r.area,
        r.status,
        r.rev,
        r.receivedAt,
        r.updatedAt,
        r.doc,
      );
    },
    review(r: ReviewRow): void {
      rows.reviews.push(r.submissionId, r.submissionRev, r.decision, r.reason, r.comment, r.reviewerId, r.at);
    },
    household(h: Omit<HouseholdRecord, 'values'> & { seq: number; valuesJson: string }): void {
      rows.households.push(
        h.id,
        h.code,
        h.area,
        h.commune,
        h.province,
        h.version,
        h.seq,
        h.headNameNorm,
        h.size,
        h.valuesJson,
        h.createdAt,
        h.updatedAt,
        h.createdBySubmission,
      );
    },
    individual(i: Omit<IndividualRecord, 'values'> & { valuesJson: string }): void {
      rows.individuals.push(
        i.id,
        i.firstName,
        i.lastName,
        i.sex,
        i.birthDate,
        i.birthYear,
        i.nationalId,
        i.nationalIdNorm,
        i.phone,
        i.nameNorm,
        i.commune,
        i.valuesJson,
        i.version,
        i.createdAt,
        i.updatedAt,
      );
    },
    membership(m: Omit<MembershipRecord, 'id' | 'endedAt' | 'endedBy'>): void {
      rows.memberships.push(
        m.householdId,
        m.individualId,
        m.role,
        m.relationship,
        m.recipient,
        m.respondent ? 1 : 0,
        m.position,
        m.startedAt,
        m.startedBy,
      );
    },
    history(e: HistoryRow): void {
      rows.history.push(
        e.householdId,
        e.householdVersion,
        e.entity,
        e.entityId,
        e.field,
        e.newValueJson,
        e.submissionId,
        e.approvedBy,
        e.at,
      );
    },
    ticket(t: CaseRecord): void {
      rows.tickets.push(
        t.id,
        t.code,
        t.submissionId,
        t.status,
        t.caseType,
        t.category,
        t.subcategory,
        t.sensitive ? 1 : 0,
        t.special ? 1 : 0,
        t.channel,
        t.anonymous ? 1 : 0,
        t.area,
        t.commune,
        t.province,
        t.description,
        t.incidentDate,
        t.receivedAt,
        t.dueAt,
        t.assignedTo,
        t.version,
        t.updatedAt,
        t.householdCode,
        t.reporterIdNorm,
        t.resolvedAt,
        t.closedAt,
      );
    },
    event(e: EventRecord): void {
      rows.events.push(e.ticketId, e.actorId, e.kind, e.from, e.to, e.at);
    },
    comment(c: CommentRecord): void {
      rows.comments.push(c.id, c.ticketId, c.authorId, c.body, c.resolution ? 1 : 0, c.createdAt);
    },
    /** A search document and its text (see search-index.ts: personText, householdIds, placeText). */
    search(d: {
      kind: 'household' | 'individual';
      entityId: string;
      householdId: string;
      name: string;
      ids: string;
      place: string;
    }): void {
      rows.search.push(d.kind, d.entityId, d.householdId, d.name, d.ids, d.place);
    },
  };
}

export type RowWriter = ReturnType<typeof rowWriter>;

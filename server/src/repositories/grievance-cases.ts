import type { Db } from '../db/database.js';
import { statementCache } from './statement-cache.js';
import { areaCondition, type AreaCodes } from './area-sql.js';
import type { TicketRecord } from './grievances.js';

/** A ticket as case management reads it (the columns of migrations 041 and 051). */
export interface CaseRecord extends TicketRecord {
  resolvedAt: string | null;
  closedAt: string | null;
}

export interface CommentRecord {
  id: string;
  ticketId: string;
  authorId: string;
  body: string;
  resolution: boolean;
  createdAt: string;
}

export interface EventRecord {
  ticketId: string;
  actorId: string;
  kind: 'status' | 'assign';
  from: string | null;
  to: string | null;
  at: string;
}

export interface AttachmentMeta {
  id: string;
  ticketId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** Which tickets a list shows. Arrays of areas are ORed; every other field narrows. */
export interface CaseFilter {
  /** null: every area; else tickets in one of these provinces, communes or collines. */
  areas: AreaCodes | null;
  includeSensitive: boolean;
  statuses?: string[] | undefined;
  category?: string | undefined;
  sensitive?: boolean | undefined;
  overdueAt?: string | undefined;
  channel?: string | undefined;
  assignedTo?: string | null | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  code?: string | undefined;
}

export type CaseSort = 'due' | 'received';

interface CaseRow {
  id: string;
  code: string;
  submission_id: string;
  status: TicketRecord['status'];
  case_type: string;
  category: string | null;
  subcategory: string | null;
  sensitive: number;
  special: number;
  channel: string | null;
  anonymous: number;
  area: string;
  commune: string;
  province: string;
  description: string | null;
  incident_date: string | null;
  received_at: string;
  due_at: string;
  assigned_to: string | null;
  version: number;
  updated_at: string;
  household_code: string | null;
  reporter_id_norm: string | null;
  resolved_at: string | null;
  closed_at: string | null;
}

const COLS = `id, code, submission_id, status, case_type, category, subcategory, sensitive, special, channel, anonymous, area, commune, province,
  description, incident_date, received_at, due_at, assigned_to, version, updated_at, household_code, reporter_id_norm, resolved_at, closed_at`;

export const toCase = (r: CaseRow): CaseRecord => ({
  id: r.id,
  code: r.code,
  submissionId: r.submission_id,
  status: r.status,
  caseType: r.case_type,
  category: r.category,
  subcategory: r.subcategory,
  sensitive: r.sensitive === 1,
  special: r.special === 1,
  channel: r.channel,
  anonymous: r.anonymous === 1,
  area: r.area,
  commune: r.commune,
  province: r.province,
  description: r.description,
  incidentDate: r.incident_date,
  receivedAt: r.received_at,
  dueAt: r.due_at,
  assignedTo: r.assigned_to,
  version: r.version,
  updatedAt: r.updated_at,
  householdCode: r.household_code,
  reporterIdNorm: r.reporter_id_norm,
  resolvedAt: r.resolved_at,
  closedAt: r.closed_at,
});

/** Conditions and parameters of a filter (the statement text depends only on which filters are set). */
export function caseWhere(
  filter: CaseFilter,
  options: { withStatus: boolean },
): { clauses: string[]; params: Record<string, unknown> } {
  const area = areaCondition(filter.areas, { province: 'province', commune: 'commune', colline: 'area' });
  const clauses: string[] = [...area.clauses];
  const params: Record<string, unknown> = { ...area.params };
  if (!filter.includeSensitive) clauses.push('sensitive = 0');
  if (options.withStatus && filter.statuses && filter.statuses.length > 0) {
    clauses.push('status IN (SELECT value FROM json_each(@statuses))');
    params['statuses'] = JSON.stringify(filter.statuses);
  }
  if (filter.category) {
    clauses.push('category = @category');
    params['category'] = filter.category;
  }
  if (filter.sensitive !== undefined) {
    clauses.push('sensitive = @sensitive');
    params['sensitive'] = filter.sensitive ? 1 : 0;
  }
  if (filter.overdueAt) {
    clauses.push("due_at < @overdueAt AND status NOT IN ('RESOLVED', 'CLOSED')");
    params['overdueAt'] = filter.overdueAt;
  }
  if (filter.channel) {
    clauses.push('channel = @channel');
    params['channel'] = filter.channel;
  }
  if (filter.assignedTo === null) clauses.push('assigned_to IS NULL');
  else if (filter.assignedTo !== undefined) {
    clauses.push('assigned_to = @assignedTo');
    params['assignedTo'] = filter.assignedTo;
  }
  if (filter.receivedFrom) {
    clauses.push('received_at >= @receivedFrom');
    params['receivedFrom'] = filter.receivedFrom;
  }
  if (filter.receivedTo) {
    clauses.push('received_at < @receivedTo');
    params['receivedTo'] = filter.receivedTo;
  }
  if (filter.code) {
    clauses.push('code LIKE @code');
    params['code'] = `%${filter.code.replace(/[%_]/g, '')}%`;
  }
  return { clauses, params };
}

const whereOf = (clauses: readonly string[]) => (clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '');

export type GrievanceCasesRepository = ReturnType<typeof grievanceCasesRepository>;

/** All SQL of grievance case management: lists, counts, comments, timeline, attachments, updates. */
export function grievanceCasesRepository(db: Db) {
  const prepared = statementCache(db);
  const get = db.prepare<[string], CaseRow>(`SELECT ${COLS} FROM grievance_tickets WHERE id = ?`);
  const byCode = db.prepare<[string], CaseRow>(`SELECT ${COLS} FROM grievance_tickets WHERE code = ?`);
  const update = db.prepare(
    `UPDATE grievance_tickets SET status = @status, assigned_to = @assignedTo, due_at = @dueAt, resolved_at = @resolvedAt,
       closed_at = @closedAt, version = version + 1, updated_at = @updatedAt WHERE id = @id AND version = @version`,
  );
  const touch = db.prepare('UPDATE grievance_tickets SET updated_at = ? WHERE id = ?');
  const insertComment = db.prepare(
    'INSERT INTO grievance_comments (id, ticket_id, author_id, body, resolution, created_at) VALUES (@id, @ticketId, @authorId, @body, @resolution, @createdAt)',
  );
  const comments = db.prepare<
    [string],
    { id: string; ticket_id: string; author_id: string; body: string; resolution: number; created_at: string }
  >(
    'SELECT id, ticket_id, author_id, body, resolution, created_at FROM grievance_comments WHERE ticket_id = ? ORDER BY created_at, id',
  );
  const insertEvent = db.prepare(
    'INSERT INTO grievance_events (ticket_id, actor_id, kind, from_value, to_value, at) VALUES (@ticketId, @actorId, @kind, @from, @to, @at)',
  );
  const events = db.prepare<
    [string],
    {
      ticket_id: string;
      actor_id: string;
      kind: EventRecord['kind'];
      from_value: string | null;
      to_value: string | null;
      at: string;
    }
  >('SELECT ticket_id, actor_id, kind, from_value, to_value, at FROM grievance_events WHERE ticket_id = ? ORDER BY id');
  const insertAttachment = db.prepare(
    `INSERT INTO grievance_attachments (id, ticket_id, filename, content_type, size, sha256, data, uploaded_by, uploaded_at)
     VALUES (@id, @ticketId, @filename, @contentType, @size, @sha256, @data, @uploadedBy, @uploadedAt)`,
  );
  const ATTACHMENT_COLS = 'id, ticket_id, filename, content_type, size, sha256, uploaded_by, uploaded_at';
  type AttachmentRow = {
    id: string;
    ticket_id: string;
    filename: string;
    content_type: string;
    size: number;
    sha256: string;
    uploaded_by: string;
    uploaded_at: string;
  };
  const attachments = db.prepare<[string], AttachmentRow>(
    `SELECT ${ATTACHMENT_COLS} FROM grievance_attachments WHERE ticket_id = ? ORDER BY uploaded_at, id`,
  );
  const attachment = db.prepare<[string, string], AttachmentRow & { data: Buffer }>(
    `SELECT ${ATTACHMENT_COLS}, data FROM grievance_attachments WHERE id = ? AND ticket_id = ?`,
  );
  const meta = (r: AttachmentRow): AttachmentMeta => ({
    id: r.id,
    ticketId: r.ticket_id,
    filename: r.filename,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
  });

  return {
    get: (id: string) => {
      const row = get.get(id);
      return row ? toCase(row) : null;
    },
    byCode: (code: string) => {
      const row = byCode.get(code);
      return row ? toCase(row) : null;
    },
    /**
     * One page in the chosen order, after the keyset `after`. "due": tickets still to handle by due date,
     * then finished ones (keyset [finished 0|1, due_at, id]); "received": newest first ([received_at, id]).
     */
    list(filter: CaseFilter, sort: CaseSort, after: string[] | null, limit: number): CaseRecord[] {
      const where = caseWhere(filter, { withStatus: true });
      const params: Record<string, unknown> = { ...where.params, limit };
      const clauses = [...where.clauses];
      if (after) {
        if (sort === 'due') {
          clauses.push("(status IN ('RESOLVED', 'CLOSED'), due_at, id) > (@afterDone, @afterKey, @afterId)");
          params['afterDone'] = Number(after[0]);
          params['afterKey'] = after[1];
          params['afterId'] = after[2];
        } else {
          clauses.push('(received_at, id) < (@afterKey, @afterId)');
          params['afterKey'] = after[0];
          params['afterId'] = after[1];
        }
      }
      const order = sort === 'due' ? "status IN ('RESOLVED', 'CLOSED'), due_at, id" : 'received_at DESC, id DESC';
      const rows = prepared(
        `SELECT ${COLS} FROM grievance_tickets ${whereOf(clauses)} ORDER BY ${order} LIMIT @limit`,
      ).all(params) as CaseRow[];
      return rows.map(toCase);
    },
    /** Counts of the filtered tickets by status (ignoring the status filter), with overdue and SENSITIVE counts. */
    counts(
      filter: CaseFilter,
      now: string,
    ): { byStatus: Record<string, number>; overdue: number; sensitive: number; total: number } {
      const where = caseWhere(filter, { withStatus: false });
      const rows = prepared(
        `SELECT status, count(*) AS n, sum(due_at < @now AND status NOT IN ('RESOLVED', 'CLOSED')) AS overdue, sum(sensitive) AS sensitive
         FROM grievance_tickets ${whereOf(where.clauses)} GROUP BY status`,
      ).all({ ...where.params, now }) as { status: string; n: number; overdue: number; sensitive: number }[];
      const byStatus: Record<string, number> = {};
      let overdue = 0;
      let sensitive = 0;
      let total = 0;
      for (const r of rows) {
        byStatus[r.status] = r.n;
        overdue += r.overdue;
        sensitive += r.sensitive;
        total += r.n;
      }
      return { byStatus, overdue, sensitive, total };
    },
    /** Writes a new state if the ticket is still at `version`; false when someone changed it first. */
    update: (
      c: Pick<
        CaseRecord,
        'id' | 'version' | 'status' | 'assignedTo' | 'dueAt' | 'resolvedAt' | 'closedAt' | 'updatedAt'
      >,
    ) => update.run(c).changes === 1,
    touch: (id: string, at: string) => touch.run(at, id),
    addComment: (c: CommentRecord) => insertComment.run({ ...c, resolution: c.resolution ? 1 : 0 }),
    comments: (ticketId: string): CommentRecord[] =>
      comments.all(ticketId).map((r) => ({
        id: r.id,
        ticketId: r.ticket_id,
        authorId: r.author_id,
        body: r.body,
        resolution: r.resolution === 1,
        createdAt: r.created_at,
      })),
    addEvent: (e: EventRecord) => insertEvent.run(e),
    events: (ticketId: string): EventRecord[] =>
      events.all(ticketId).map((r) => ({
        ticketId: r.ticket_id,
        actorId: r.actor_id,
        kind: r.kind,
        from: r.from_value,
        to: r.to_value,
        at: r.at,
      })),
    addAttachment: (a: AttachmentMeta & { data: Buffer }) => insertAttachment.run(a),
    attachments: (ticketId: string): AttachmentMeta[] => attachments.all(ticketId).map(meta),
    attachment: (ticketId: string, id: string): (AttachmentMeta & { data: Buffer }) | null => {
      const row = attachment.get(id, ticketId);
      return row ? { ...meta(row), data: row.data } : null;
    },
  };
}

import type { AuditEntry, AuditQuery } from '@kusanya/schemas';
import type { Db } from '../db/database.js';

export type AuditOutcome = AuditEntry['outcome'];

/** One line of the append-only audit log (schemas: AuditEntry). */
export type { AuditEntry };

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'targetName'>;

/** Which entries to read: the audit query's filters (schemas: AuditQuery), without its paging and format. */
export type AuditFilter = Omit<AuditQuery, 'limit' | 'format'>;

interface AuditRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor: string | null;
  role: string | null;
  action: string;
  method: string | null;
  route: string | null;
  target: string | null;
  status: number | null;
  outcome: AuditOutcome;
  device_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: string | null;
  target_name?: string | null;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actor: r.actor,
  role: r.role,
  action: r.action,
  method: r.method,
  route: r.route,
  target: r.target,
  status: r.status,
  outcome: r.outcome,
  deviceId: r.device_id,
  ip: r.ip,
  requestId: r.request_id,
  details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
  ...(r.target_name ? { targetName: r.target_name } : {}),
});

/** The target in words for the audit view: a user's name, a grievance's code (also for its record). */
const TARGET_NAME = `COALESCE(
  (SELECT username FROM users WHERE id = audit_log.target),
  (SELECT code FROM grievance_tickets WHERE id = audit_log.target OR submission_id = audit_log.target)
) AS target_name`;

/** Escapes LIKE wildcards so a filter is a plain prefix. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function where(filter: AuditFilter): { sql: string; params: Record<string, string | number> } {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.from) {
    clauses.push('at >= @from');
    params['from'] = filter.from;
  }
  if (filter.to) {
    clauses.push('at < @to');
    params['to'] = filter.to;
  }
  if (filter.actor) {
    clauses.push('(actor = @actor COLLATE NOCASE OR actor_id = @actor)');
    params['actor'] = filter.actor;
  }
  if (filter.action) {
    clauses.push("action LIKE @action ESCAPE '\\'");
    params['action'] = likePrefix(filter.action);
  }
  if (filter.outcome) {
    clauses.push('outcome = @outcome');
    params['outcome'] = filter.outcome;
  }
  if (filter.deviceId) {
    clauses.push('device_id = @deviceId');
    params['deviceId'] = filter.deviceId;
  }
  if (filter.before !== undefined) {
    clauses.push('id < @before');
    params['before'] = filter.before;
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const COLUMNS =
  'id, at, actor_id, actor, role, action, method, route, target, status, outcome, device_id, ip, request_id, details';

export type AuditRepository = ReturnType<typeof auditRepository>;

export function auditRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor_id, actor, role, action, method, route, target, status, outcome, device_id, ip, request_id, details)
     VALUES (@at, @actorId, @actor, @role, @action, @method, @route, @target, @status, @outcome, @deviceId, @ip, @requestId, @details)`,
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log');

  return {
    /**
     * Runs `change` and the entries it appends in one write transaction (a nested call is a savepoint of the
     * caller's): the change and its audit entry commit together or not at all.
     */
    withinTransaction: <T>(change: () => T): T => db.transaction(change).immediate(),
    append: (entry: NewAuditEntry): number =>
      Number(insert.run({ ...entry, details: entry.details ? JSON.stringify(entry.details) : null }).lastInsertRowid),
    /** Newest first, at most `limit`, with the target's name where it has one. */
    find: (filter: AuditFilter, limit: number): AuditEntry[] => {
      const { sql, params } = where(filter);
      return db
        .prepare<Record<string, string | number>, AuditRow>(
          `SELECT ${COLUMNS}, ${TARGET_NAME} FROM audit_log ${sql} ORDER BY id DESC LIMIT ${Math.trunc(limit)}`,
        )
        .all(params)
        .map(toEntry);
    },
    /**
     * Every matching entry, oldest first, fetched in pages by id: no statement stays open between pages, so
     * the connection can keep writing (other requests) while an export of any size streams out.
     */
    *iterate(filter: AuditFilter, pageSize = 1000): Generator<AuditEntry> {
      const { before, ...rest } = filter;
      let after = 0;
      for (;;) {
        const { sql, params } = where(rest);
        const clause = sql ? `${sql} AND id > @after` : 'WHERE id > @after';
        const limit = before === undefined ? '' : ' AND id < @before';
        const rows = db
          .prepare<Record<string, string | number>, AuditRow>(
            `SELECT ${COLUMNS} FROM audit_log ${clause}${limit} ORDER BY id LIMIT ${Math.trunc(pageSize)}`,
          )
          .all({ ...params, after, ...(before === undefined ? {} : { before }) });
        for (const row of rows) yield toEntry(row);
        if (rows.length < pageSize) return;
        after = rows.at(-1)!.id;
      }
    },
    count: () => count.get()!.n,
  };
}

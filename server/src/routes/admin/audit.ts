import * as contract from '@kusanya/schemas/contract/admin-audit';
import { route } from '../../plugins/contract.js';
import { csvField } from '@kusanya/shared/csv/cells';
import { type AuditQuery } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { caller } from '../../plugins/auth.js';
import type { AdminUsersService } from '../../usecases/admin-users.js';
import { audit } from '../../plugins/audit.js';
import type { AuditEntry, AuditFilter, AuditService } from '../../usecases/audit.js';
import { ADMIN } from './common.js';

const COLUMNS = [
  'id',
  'at',
  'actor',
  'actorId',
  'role',
  'action',
  'method',
  'route',
  'target',
  'status',
  'outcome',
  'deviceId',
  'ip',
  'requestId',
  'details',
] as const;

/**
 * One CSV cell: quoted when needed, and a leading =, +, - or @ neutralised so a spreadsheet never runs a
 * formula that came from hostile input (CSV injection).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'number') return csvField(value);
  return csvField(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

const csvLine = (entry: AuditEntry) => `${COLUMNS.map((c) => csvCell(entry[c])).join(',')}\r\n`;

const filterOf = (q: AuditQuery): AuditFilter => ({
  ...(q.from ? { from: q.from } : {}),
  ...(q.to ? { to: q.to } : {}),
  ...(q.actor ? { actor: q.actor } : {}),
  ...(q.action ? { action: q.action } : {}),
  ...(q.outcome ? { outcome: q.outcome } : {}),
  ...(q.deviceId ? { deviceId: q.deviceId } : {}),
});

/** What the audit routes receive: the audit log and the check that the caller administers the whole country. */
export interface AdminAuditOptions {
  audit: Pick<AuditService, 'find' | 'iterate'>;
  adminUsers: Pick<AdminUsersService, 'checkWholeCountry'>;
}

/** The audit log: a filterable view (newest first, paged) and a full export (CSV or JSON lines). */
export async function adminAuditRoutes(app: FastifyInstance, { audit: log, adminUsers }: AdminAuditOptions) {
  // The whole database: for administrators of the whole country only (issue 12).
  app.addHook('preHandler', async (request) => adminUsers.checkWholeCountry(caller(request).user, 'The audit log'));

  route(app, contract.getAdminAudit, { config: ADMIN }, async (request) => {
    const limit = request.query.limit ?? 100;
    const filter = { ...filterOf(request.query), ...(request.query.before ? { before: request.query.before } : {}) };
    const entries = log.find(filter, limit + 1);
    const page = entries.slice(0, limit);
    return { entries: page, next: entries.length > limit ? page.at(-1)!.id : null };
  });

  route(app, contract.getAdminAuditExport, { exposeHeadRoute: false, config: ADMIN }, async (request, reply) => {
    const format = request.query.format ?? 'csv';
    const filter = filterOf(request.query);
    audit(request, 'export.audit', { format, filter });
    const entries = log.iterate(filter);
    const lines = (function* () {
      if (format === 'csv') yield `${COLUMNS.join(',')}\r\n`;
      for (const entry of entries) yield format === 'csv' ? csvLine(entry) : `${JSON.stringify(entry)}\n`;
    })();
    const name = `kusanya-audit-${new Date().toISOString().slice(0, 10)}.${format === 'csv' ? 'csv' : 'jsonl'}`;
    return reply
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines));
  });
}

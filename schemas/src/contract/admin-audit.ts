/** The API contract: admin audit routes (server/src/routes/admin/audit.ts). */
import { auditPageSchema, auditQuerySchema } from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

export const getAdminAudit = defineRoute({
  method: 'GET',
  url: '/api/admin/audit',
  tags: ['admin'],
  summary: 'Audit entries, newest first, filtered by time, actor, action prefix, outcome or device',
  querystring: ref(auditQuerySchema),
  response: { 200: ref(auditPageSchema), ...errors(400, 401, 403) },
});

export const getAdminAuditExport = defineRoute({
  method: 'GET',
  url: '/api/admin/audit/export',
  tags: ['admin'],
  summary: 'Export the (filtered) audit log, oldest first, as CSV or JSON lines; the export itself is audited',
  querystring: ref(auditQuerySchema),
  produces: ['text/csv', 'application/x-ndjson'],
  response: { 200: { type: 'string', format: 'binary' }, ...errors(400, 401, 403) },
});

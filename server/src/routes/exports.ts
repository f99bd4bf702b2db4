import * as contract from '@kusanya/schemas/contract/exports';
import { route } from '../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import { basename } from 'node:path';
import { audit } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import type { ExportAuditEntry } from '../usecases/exports/audit.js';
import type { ExportUseCases } from '../usecases/exports/index.js';
import { ANY_EXPORT_ROLE } from '../usecases/exports/run-export.js';

/**
 * Streamed exports: the response is written as rows are read, so memory stays flat whatever the size.
 * `X-Total-Rows` gives the number of rows up front; `GET /api/exports/progress/{id}` the rows sent so far.
 */
export async function exportRoutes(app: FastifyInstance, { exports }: { exports: ExportUseCases }) {
  route(app, contract.getExportsByDataset, { config: { roles: ANY_EXPORT_ROLE } }, async (request, reply) => {
    const user = caller(request).user;
    const format = request.query.format ?? (request.params.dataset === 'full' ? 'json' : 'csv');
    // Every export goes to the audit log: who, which dataset, format, filters and row count.
    const auditLog = {
      record: (entry: ExportAuditEntry) =>
        audit(request, `export.${entry.dataset}`, { format: entry.format, filters: entry.filters, rows: entry.rows }),
    };
    const started = exports.start(user, { ...request.query, dataset: request.params.dataset, format }, auditLog);
    reply.raw.on('close', () => {
      started.release(reply.raw.writableFinished);
      request.log.info(
        { exportId: started.id, dataset: started.audit.dataset, finished: reply.raw.writableFinished },
        'export response closed',
      );
    });
    return reply
      .header('content-type', started.contentType)
      .header('content-disposition', `attachment; filename="${basename(started.filename)}"`)
      .header('x-total-rows', String(started.total))
      .header('x-export-id', started.id)
      .header('cache-control', 'no-store')
      .send(started.stream);
  });

  route(app, contract.getExportsProgressById, { config: { roles: ANY_EXPORT_ROLE } }, async (request) =>
    exports.progress(request.params.id, caller(request).user),
  );
}

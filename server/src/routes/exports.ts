import { errorBodySchema, exportProgressSchema, exportQuerySchema, type ExportQuery } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import { basename } from 'node:path';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { audit } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import type { ExportAuditEntry } from '../usecases/exports/audit.js';
import { ANY_EXPORT_ROLE, EXPORT_DATASETS, startExport, type ExportDataset } from '../usecases/exports/run-export.js';

const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ref(errorBodySchema)]));

/**
 * Streamed exports: the response is written as rows are read, so memory stays flat whatever the size.
 * `X-Total-Rows` gives the number of rows up front; `GET /api/exports/progress/{id}` the rows sent so far.
 */
export async function exportRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const deps = {
    dbFile: ctx.db.name,
    locations: ctx.locationTree,
    directory: ctx.locationDirectory,
    labels: ctx.formLabels,
    users: ctx.users,
    progress: ctx.exportProgress,
  };

  app.get<{ Params: { dataset: ExportDataset }; Querystring: ExportQuery }>(
    '/api/exports/:dataset',
    {
      config: { roles: ANY_EXPORT_ROLE },
      schema: {
        tags: ['exports'],
        summary:
          'Download households, individuals (also in openIMIS upload layout), grievances, indicator reports, or everything (JSON)',
        description:
          'Datasets: households, individuals, individuals-openimis (first_name, last_name, dob, id, group_code, individual_role, recipient_info, then attributes), ' +
          'grievances, indicator-reports (CSV or XLSX) and full (JSON). Always limited to your role and areas; written to the audit log.',
        params: {
          type: 'object',
          required: ['dataset'],
          properties: { dataset: { type: 'string', enum: EXPORT_DATASETS } },
        },
        querystring: ref(exportQuerySchema),
        response: { 200: { type: 'string', format: 'binary' }, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const user = caller(request).user;
      const format = request.query.format ?? (request.params.dataset === 'full' ? 'json' : 'csv');
      // Every export goes to the audit log: who, which dataset, format, filters and row count.
      const auditLog = {
        record: (entry: ExportAuditEntry) =>
          audit(request, `export.${entry.dataset}`, { format: entry.format, filters: entry.filters, rows: entry.rows }),
      };
      const started = startExport({ ...deps, audit: auditLog }, user, {
        ...request.query,
        dataset: request.params.dataset,
        format,
      });
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
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/exports/progress/:id',
    {
      config: { roles: ANY_EXPORT_ROLE },
      schema: {
        tags: ['exports'],
        summary: 'Rows written so far by one of your exports',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
        response: { 200: ref(exportProgressSchema), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const state = ctx.exportProgress.get(request.params.id, caller(request).user.id);
      if (!state) throw new AppError('not-found', 'No such export.');
      return { rows: state.rows, total: state.total, state: state.state };
    },
  );
}

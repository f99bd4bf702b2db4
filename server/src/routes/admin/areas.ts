import { areaImportReportSchema, areaListSchema, areaQuerySchema, type AreaQuery } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { audited } from '../../plugins/audit.js';
import { caller } from '../../plugins/auth.js';
import { decodeUtf8 } from '../../plugins/json-body.js';
import { importLocations, planLocationsImport } from '../../services/locations-admin.js';
import { ADMIN, errors, ref } from './common.js';

/** Largest location CSV accepted (the full 2025 hierarchy is ~3,500 rows, well under 1 MB). */
export const AREA_CSV_LIMIT = 16 * 1024 * 1024;

const CSV_BODY = { type: 'string', minLength: 1, maxLength: AREA_CSV_LIMIT } as const;

const CSV_DESCRIPTION = `Send the file as the request body with \`Content-Type: text/csv\` (UTF-8). Columns: \`code\`, \`name\`,
\`level\` (country, province, commune, zone, colline), \`parent_code\` (or "parent code"), \`scheme\` (e.g. 2025),
\`valid_from\`, \`valid_to\` (YYYY-MM-DD, optional). Parents come before their children (in the file or already
stored). Known codes may change name, scheme and validity; level and parent cannot change.`;

/** Areas (the location hierarchy): list, and import from CSV with a preview listing every problem. */
export async function adminAreaRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  // CSV bodies only on these routes (encapsulated): strict UTF-8, their own size limit.
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: AREA_CSV_LIMIT },
    (_request, body, done) => {
      try {
        done(null, decodeUtf8(body as Buffer));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );

  app.get<{ Querystring: AreaQuery }>(
    '/api/admin/areas',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary: 'Locations, optionally one level or the children of one parent',
        querystring: ref(areaQuerySchema),
        response: { 200: ref(areaListSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { level, parent } = request.query;
      return {
        areas: ctx.locations
          .list()
          .filter((a) => (!level || a.level === level) && (!parent || a.parentCode === parent)),
      };
    },
  );

  app.post<{ Body: string }>(
    '/api/admin/areas/import/preview',
    {
      bodyLimit: AREA_CSV_LIMIT,
      config: { ...ADMIN, audit: 'areas.preview' },
      schema: {
        tags: ['admin'],
        summary: 'Check a location CSV and show what importing it would do (nothing is written)',
        description: CSV_DESCRIPTION,
        consumes: ['text/csv'],
        body: CSV_BODY,
        response: { 200: ref(areaImportReportSchema), ...errors(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      const { report } = planLocationsImport(ctx.locations, request.body, {
        tree: ctx.locationTree(),
        manager: caller(request).user,
      });
      audited(request, (scope) => scope.note({ details: { rows: report.rows, problems: report.problems.length } }));
      return report;
    },
  );

  app.post<{ Body: string }>(
    '/api/admin/areas/import',
    {
      bodyLimit: AREA_CSV_LIMIT,
      config: { ...ADMIN, audit: 'areas.import' },
      schema: {
        tags: ['admin'],
        summary: 'Import a location CSV in one transaction (all or nothing)',
        description: `${CSV_DESCRIPTION}\n\nA file with any problem is refused with 400 and the full list in \`details\`; one that changes places outside your areas with 403 \`out-of-scope\`.`,
        consumes: ['text/csv'],
        body: CSV_BODY,
        response: { 200: ref(areaImportReportSchema), ...errors(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      return audited(request, (scope) => {
        const report = importLocations(ctx.locations, request.body, {
          tree: ctx.locationTree(),
          manager: caller(request).user,
        });
        scope.note({ details: { rows: report.rows, created: report.create, updated: report.update } });
        return report;
      });
    },
  );
}

/** The API contract: admin areas routes (server/src/routes/admin/areas.ts). */
import { areaImportReportSchema, areaListSchema, areaQuerySchema } from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

const AREA_CSV_LIMIT = 16 * 1024 * 1024;

const CSV_BODY = { type: 'string', minLength: 1, maxLength: AREA_CSV_LIMIT } as const;

const CSV_DESCRIPTION = `Send the file as the request body with \`Content-Type: text/csv\` (UTF-8). Columns: \`code\`, \`name\`,
\`level\` (country, province, commune, zone, colline), \`parent_code\` (or "parent code"), \`scheme\` (e.g. 2025),
\`valid_from\`, \`valid_to\` (YYYY-MM-DD, optional). Parents come before their children (in the file or already
stored). Known codes may change name, scheme and validity; level and parent cannot change.`;

export const getAdminAreas = defineRoute({
  method: 'GET',
  url: '/api/admin/areas',
  tags: ['admin'],
  summary: 'Locations, optionally one level or the children of one parent',
  querystring: ref(areaQuerySchema),
  response: { 200: ref(areaListSchema), ...errors(400, 401, 403) },
});

export const postAdminAreasImportPreview = defineRoute({
  method: 'POST',
  url: '/api/admin/areas/import/preview',
  tags: ['admin'],
  summary: 'Check a location CSV and show what importing it would do (nothing is written)',
  description: CSV_DESCRIPTION,
  consumes: ['text/csv'],
  body: CSV_BODY,
  response: { 200: ref(areaImportReportSchema), ...errors(400, 401, 403, 413, 415) },
});

export const postAdminAreasImport = defineRoute({
  method: 'POST',
  url: '/api/admin/areas/import',
  tags: ['admin'],
  summary: 'Import a location CSV in one transaction (all or nothing)',
  description: `${CSV_DESCRIPTION}\n\nA file with any problem is refused with 400 and the full list in \`details\`; one that changes places outside your areas with 403 \`out-of-scope\`.`,
  consumes: ['text/csv'],
  body: CSV_BODY,
  response: { 200: ref(areaImportReportSchema), ...errors(400, 401, 403, 413, 415) },
});

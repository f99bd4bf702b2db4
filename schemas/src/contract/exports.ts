/** The API contract: exports routes (server/src/routes/exports.ts). */
import { exportProgressSchema, exportQuerySchema } from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

/** What can be exported (GET /api/exports/:dataset). */
export const EXPORT_DATASETS = [
  'households',
  'individuals',
  'individuals-openimis',
  'grievances',
  'indicator-reports',
  'full',
] as const;

export const getExportsByDataset = defineRoute({
  method: 'GET',
  url: '/api/exports/:dataset',
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
});

export const getExportsProgressById = defineRoute({
  method: 'GET',
  url: '/api/exports/progress/:id',
  tags: ['exports'],
  summary: 'Rows written so far by one of your exports',
  params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
  response: { 200: ref(exportProgressSchema), ...errors(401, 403, 404) },
});

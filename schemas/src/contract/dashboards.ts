/** The API contract: dashboards routes (server/src/routes/dashboards.ts). */
import {
  indicatorDashboardQuerySchema,
  indicatorDashboardSchema,
  indicatorListSchema,
  indicatorSaveRequestSchema,
  indicatorSchema,
  operationsDashboardQuerySchema,
  operationsDashboardSchema,
  targetListSchema,
  targetsQuerySchema,
  targetsSaveRequestSchema,
} from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

export const getDashboardsIndicators = defineRoute({
  method: 'GET',
  url: '/api/dashboards/indicators',
  tags: ['dashboards'],
  summary: 'Validated indicator reports by quarter and location, with disaggregations and progress against targets',
  querystring: ref(indicatorDashboardQuerySchema),
  response: { 200: ref(indicatorDashboardSchema), ...errors(400, 401, 403) },
});

export const getDashboardsOperations = defineRoute({
  method: 'GET',
  url: '/api/dashboards/operations',
  tags: ['dashboards'],
  summary: 'Submissions per day and enumerator, review decisions and delay, grievances by category and status',
  querystring: ref(operationsDashboardQuerySchema),
  response: { 200: ref(operationsDashboardSchema), ...errors(400, 401, 403) },
});

export const getIndicators = defineRoute({
  method: 'GET',
  url: '/api/indicators',
  tags: ['dashboards'],
  summary: 'The indicator catalogue',
  response: { 200: ref(indicatorListSchema), ...errors(401, 403) },
});

export const putIndicatorsByCode = defineRoute({
  method: 'PUT',
  url: '/api/indicators/:code',
  tags: ['dashboards'],
  summary: 'Create or change an indicator of the catalogue',
  params: { type: 'object', required: ['code'], properties: { code: { type: 'string', maxLength: 40 } } },
  body: ref(indicatorSaveRequestSchema),
  response: { 200: ref(indicatorSchema), ...errors(400, 401, 403) },
});

export const getIndicatorsTargets = defineRoute({
  method: 'GET',
  url: '/api/indicators/targets',
  tags: ['dashboards'],
  summary: 'Targets of one area (default: the country) for a range of quarters',
  querystring: ref(targetsQuerySchema),
  response: { 200: ref(targetListSchema), ...errors(400, 401, 403) },
});

export const putIndicatorsTargets = defineRoute({
  method: 'PUT',
  url: '/api/indicators/targets',
  tags: ['dashboards'],
  summary: 'Set targets (a null target removes it); all or nothing',
  body: ref(targetsSaveRequestSchema),
  response: { 200: ref(targetListSchema), ...errors(400, 401, 403) },
});

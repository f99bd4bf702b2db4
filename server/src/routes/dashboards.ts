import {
  errorBodySchema,
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
  type IndicatorDashboardQuery,
  type IndicatorSaveRequest,
  type OperationsDashboardQuery,
  type TargetsQuery,
  type TargetsSaveRequest,
} from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { audited } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import {
  CATALOGUE_EDITORS,
  CATALOGUE_READERS,
  listIndicators,
  listTargets,
  saveIndicator,
  saveTargets,
} from '../services/dashboards/catalogue.js';
import { DASHBOARD_READERS, indicatorDashboard } from '../services/dashboards/indicators.js';
import { operationsDashboard } from '../services/dashboards/operations.js';

const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ref(errorBodySchema)]));

/** M&E dashboards (HQ, supervisors for their area) and the indicator catalogue with its targets (admin edits). */
export async function dashboardRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const deps = {
    db: ctx.db,
    monitoring: ctx.monitoring,
    users: ctx.users,
    locations: ctx.locationTree,
    directory: ctx.locationDirectory,
  };

  app.get<{ Querystring: IndicatorDashboardQuery }>(
    '/api/dashboards/indicators',
    {
      config: { roles: DASHBOARD_READERS },
      schema: {
        tags: ['dashboards'],
        summary:
          'Validated indicator reports by quarter and location, with disaggregations and progress against targets',
        querystring: ref(indicatorDashboardQuerySchema),
        response: { 200: ref(indicatorDashboardSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => indicatorDashboard(deps, caller(request).user, request.query),
  );

  app.get<{ Querystring: OperationsDashboardQuery }>(
    '/api/dashboards/operations',
    {
      config: { roles: DASHBOARD_READERS },
      schema: {
        tags: ['dashboards'],
        summary: 'Submissions per day and enumerator, review decisions and delay, grievances by category and status',
        querystring: ref(operationsDashboardQuerySchema),
        response: { 200: ref(operationsDashboardSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => operationsDashboard(deps, caller(request).user, request.query),
  );

  app.get(
    '/api/indicators',
    {
      config: { roles: CATALOGUE_READERS },
      schema: {
        tags: ['dashboards'],
        summary: 'The indicator catalogue',
        response: { 200: ref(indicatorListSchema), ...errors(401, 403) },
      },
    },
    async () => listIndicators(deps),
  );

  app.put<{ Params: { code: string }; Body: IndicatorSaveRequest }>(
    '/api/indicators/:code',
    {
      config: { roles: CATALOGUE_EDITORS, audit: 'indicator.save' },
      schema: {
        tags: ['dashboards'],
        summary: 'Create or change an indicator of the catalogue',
        params: { type: 'object', required: ['code'], properties: { code: { type: 'string', maxLength: 40 } } },
        body: ref(indicatorSaveRequestSchema),
        response: { 200: ref(indicatorSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) =>
      audited(request, () => saveIndicator(deps, caller(request).user, request.params.code, request.body)),
  );

  app.get<{ Querystring: TargetsQuery }>(
    '/api/indicators/targets',
    {
      config: { roles: CATALOGUE_READERS },
      schema: {
        tags: ['dashboards'],
        summary: 'Targets of one area (default: the country) for a range of quarters',
        querystring: ref(targetsQuerySchema),
        response: { 200: ref(targetListSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => listTargets(deps, request.query),
  );

  app.put<{ Body: TargetsSaveRequest }>(
    '/api/indicators/targets',
    {
      config: { roles: CATALOGUE_EDITORS, audit: 'targets.save' },
      schema: {
        tags: ['dashboards'],
        summary: 'Set targets (a null target removes it); all or nothing',
        body: ref(targetsSaveRequestSchema),
        response: { 200: ref(targetListSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) =>
      audited(request, (scope) => {
        const saved = saveTargets(deps, caller(request).user, request.body);
        scope.note({ details: { targets: request.body.targets.length } });
        return saved;
      }),
  );
}

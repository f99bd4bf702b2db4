import * as contract from '@kusanya/schemas/contract/dashboards';
import { route } from '../plugins/contract.js';

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
} from '../usecases/dashboards/catalogue.js';
import { DASHBOARD_READERS, indicatorDashboard } from '../usecases/dashboards/indicators.js';
import { operationsDashboard } from '../usecases/dashboards/operations.js';

/** M&E dashboards (HQ, supervisors for their area) and the indicator catalogue with its targets (admin edits). */
export async function dashboardRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const deps = {
    db: ctx.db,
    monitoring: ctx.monitoring,
    users: ctx.users,
    locations: ctx.locationTree,
    directory: ctx.locationDirectory,
  };

  route(app, contract.getDashboardsIndicators, { config: { roles: DASHBOARD_READERS } }, async (request) =>
    indicatorDashboard(deps, caller(request).user, request.query),
  );

  route(app, contract.getDashboardsOperations, { config: { roles: DASHBOARD_READERS } }, async (request) =>
    operationsDashboard(deps, caller(request).user, request.query),
  );

  route(app, contract.getIndicators, { config: { roles: CATALOGUE_READERS } }, async () => listIndicators(deps));

  route(
    app,
    contract.putIndicatorsByCode,
    { config: { roles: CATALOGUE_EDITORS, audit: 'indicator.save' } },
    async (request) =>
      audited(request, () => saveIndicator(deps, caller(request).user, request.params.code, request.body)),
  );

  route(app, contract.getIndicatorsTargets, { config: { roles: CATALOGUE_READERS } }, async (request) =>
    listTargets(deps, request.query),
  );

  route(
    app,
    contract.putIndicatorsTargets,
    { config: { roles: CATALOGUE_EDITORS, audit: 'targets.save' } },
    async (request) =>
      audited(request, (scope) => {
        const saved = saveTargets(deps, caller(request).user, request.body);
        scope.note({ details: { targets: request.body.targets.length } });
        return saved;
      }),
  );
}

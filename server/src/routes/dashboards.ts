import * as contract from '@kusanya/schemas/contract/dashboards';
import { route } from '../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import { audited } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import { CATALOGUE_EDITORS, CATALOGUE_READERS } from '../usecases/dashboards/catalogue.js';
import type { DashboardUseCases } from '../usecases/dashboards/index.js';
import { DASHBOARD_READERS } from '../usecases/dashboards/indicators.js';

/** M&E dashboards (HQ, supervisors for their area) and the indicator catalogue with its targets (admin edits). */
export async function dashboardRoutes(app: FastifyInstance, { dashboards }: { dashboards: DashboardUseCases }) {
  route(app, contract.getDashboardsIndicators, { config: { roles: DASHBOARD_READERS } }, async (request) =>
    dashboards.indicators(caller(request).user, request.query),
  );

  route(app, contract.getDashboardsOperations, { config: { roles: DASHBOARD_READERS } }, async (request) =>
    dashboards.operations(caller(request).user, request.query),
  );

  route(app, contract.getIndicators, { config: { roles: CATALOGUE_READERS } }, async () => dashboards.listIndicators());

  route(
    app,
    contract.putIndicatorsByCode,
    { config: { roles: CATALOGUE_EDITORS, audit: 'indicator.save' } },
    async (request) =>
      audited(request, () => dashboards.saveIndicator(caller(request).user, request.params.code, request.body)),
  );

  route(app, contract.getIndicatorsTargets, { config: { roles: CATALOGUE_READERS } }, async (request) =>
    dashboards.listTargets(request.query),
  );

  route(
    app,
    contract.putIndicatorsTargets,
    { config: { roles: CATALOGUE_EDITORS, audit: 'targets.save' } },
    async (request) =>
      audited(request, (scope) => {
        const saved = dashboards.saveTargets(caller(request).user, request.body);
        scope.note({ details: { targets: request.body.targets.length } });
        return saved;
      }),
  );
}

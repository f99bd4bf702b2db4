import type {
  IndicatorDashboardQuery,
  IndicatorSaveRequest,
  OperationsDashboardQuery,
  TargetsQuery,
  TargetsSaveRequest,
  User,
} from '@kusanya/schemas';
import type { UsersRepository } from '../../repositories/users.js';
import { listIndicators, listTargets, saveIndicator, saveTargets, type CatalogueDeps } from './catalogue.js';
import { indicatorDashboard, type DashboardDeps } from './indicators.js';
import { operationsDashboard } from './operations.js';

export type DashboardUseCases = ReturnType<typeof dashboardUseCases>;

/** M&E dashboards and the indicator catalogue with its targets, as the routes call them (dependencies bound once). */
export function dashboardUseCases(deps: CatalogueDeps & DashboardDeps & { users: UsersRepository }) {
  return {
    indicators: (user: User, query: IndicatorDashboardQuery) => indicatorDashboard(deps, user, query),
    operations: (user: User, query: OperationsDashboardQuery) => operationsDashboard(deps, user, query),
    listIndicators: () => listIndicators(deps),
    saveIndicator: (user: User, code: string, body: IndicatorSaveRequest) => saveIndicator(deps, user, code, body),
    listTargets: (query: TargetsQuery) => listTargets(deps, query),
    saveTargets: (user: User, body: TargetsSaveRequest) => saveTargets(deps, user, body),
  };
}

import { managesArea } from '../../domain/admin-scope.js';
import type {
  Indicator,
  IndicatorList,
  IndicatorSaveRequest,
  TargetList,
  TargetsQuery,
  TargetsSaveRequest,
  User,
} from '@kusanya/schemas';
import { activityTypes, indicatorMeasures, indicatorUnits } from '@kusanya/schemas';
import type { Db } from '../../db/database.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type { MonitoringRepository } from '../../repositories/monitoring.js';

export interface CatalogueDeps {
  db: Db;
  monitoring: MonitoringRepository;
  locations: () => LocationTree;
}

/** Who edits the indicator catalogue and targets (DESIGN.md §5: admin manages catalogues). */
export const CATALOGUE_EDITORS = ['admin'] as const;
export const CATALOGUE_READERS = ['admin', 'hq', 'supervisor'] as const;

export function listIndicators(deps: Pick<CatalogueDeps, 'monitoring'>): IndicatorList {
  return {
    indicators: deps.monitoring.indicators(),
    measures: [...indicatorMeasures],
    activityTypes: [...activityTypes],
    units: [...indicatorUnits],
  };
}

/** Creates or updates an indicator of the catalogue. */
export function saveIndicator(
  deps: Pick<CatalogueDeps, 'monitoring'>,
  user: User,
  code: string,
  body: IndicatorSaveRequest,
  now = new Date(),
): Indicator {
  if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(code))
    throw new AppError('validation-failed', 'Indicator codes are 2–40 capital letters, digits or _.', [
      { path: 'code', message: 'invalid' },
    ]);
  if (body.measure === 'payment_rate' && body.unit !== 'percent') {
    throw new AppError('validation-failed', 'A payment rate is measured in percent.', [
      { path: 'unit', message: 'must be percent' },
    ]);
  }
  const record: Indicator = {
    code,
    ...body,
    activityType: body.activityType ?? null,
    updatedAt: now.toISOString(),
    updatedBy: user.username,
  };
  deps.monitoring.saveIndicator(record);
  return deps.monitoring.indicator(code)!;
}

/** Targets of an area; without one, of the country. */
export function listTargets(deps: Pick<CatalogueDeps, 'monitoring' | 'locations'>, query: TargetsQuery): TargetList {
  return { targets: deps.monitoring.targets(query.from, query.to, query.area ?? deps.locations().root() ?? 'BI') };
}

/** Sets (or, with null, removes) targets, all or none. */
export function saveTargets(deps: CatalogueDeps, user: User, body: TargetsSaveRequest, now = new Date()): TargetList {
  const tree = deps.locations();
  const known = new Set(deps.monitoring.indicators().map((i) => i.code));
  const problems = body.targets.flatMap((t, index) => [
    ...(known.has(t.indicatorCode)
      ? []
      : [{ path: `targets[${index}].indicatorCode`, message: `unknown indicator ${t.indicatorCode}` }]),
    ...(tree.has(t.area) ? [] : [{ path: `targets[${index}].area`, message: `unknown location ${t.area}` }]),
  ]);
  if (problems.length > 0)
    throw new AppError(
      'validation-failed',
      'Some targets refer to unknown indicators or locations; nothing was saved.',
      problems,
    );
  // An administrator sets targets for their own areas only.
  const outside = body.targets.flatMap((t, index) =>
    managesArea(tree, user, t.area)
      ? []
      : [{ path: `targets[${index}].area`, message: `${t.area} is outside your areas` }],
  );
  if (outside.length > 0)
    throw new AppError('out-of-scope', 'Some targets are for places outside your areas; nothing was saved.', outside);
  const at = now.toISOString();
  deps.db.transaction(() => {
    for (const t of body.targets) {
      if (t.target === null) deps.monitoring.deleteTarget(t.indicatorCode, t.quarter, t.area);
      else
        deps.monitoring.saveTarget({
          indicatorCode: t.indicatorCode,
          quarter: t.quarter,
          area: t.area,
          target: t.target,
          updatedAt: at,
          updatedBy: user.username,
        });
    }
  })();
  return {
    targets: body.targets
      .filter((t) => t.target !== null)
      .map((t) => ({ ...t, target: t.target as number, updatedAt: at, updatedBy: user.username })),
  };
}

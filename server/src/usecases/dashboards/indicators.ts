import type { IndicatorDashboard, IndicatorDashboardQuery, User } from '@kusanya/schemas';
import {
  addSums,
  measureValue,
  progressOf,
  quartersBetween,
  ZERO,
  type Sums,
} from '../../domain/monitoring/measures.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import { FACT_LEVELS, type FactLevel, type MonitoringRepository } from '../../repositories/monitoring.js';
import type { LocationDirectory } from '../hq/location-directory.js';
import { areasOf } from '../../domain/read-policy.js';
import { areaSet, effectiveAreas, knownArea } from '../hq/scope.js';

export interface DashboardDeps {
  monitoring: MonitoringRepository;
  locations: () => LocationTree;
  directory: () => LocationDirectory;
}

/** Roles that read dashboards: HQ everywhere, supervisors for their area. */
export const DASHBOARD_READERS = ['hq', 'supervisor'] as const;
export const MAX_QUARTERS = 20;

const LEVELS = ['country', ...FACT_LEVELS] as const;

/** The area a dashboard is about: the one asked for, else the user's (the country for HQ). */
export function dashboardArea(tree: LocationTree, user: User, requested: string | undefined) {
  const scope = areasOf(tree, user);
  const filter = knownArea(tree, requested);
  const areas = effectiveAreas(tree, scope, filter);
  if (areas !== null && areas.length === 0) throw new AppError('out-of-scope', `${requested} is outside your areas.`);
  const root = tree.root() ?? 'BI';
  const code = filter ?? (areas && areas.length === 1 ? areas[0]! : root);
  return { code, level: tree.level(code) ?? 'country', areas, set: areaSet(tree, areas) };
}

/**
 * Validated indicator reports by quarter and location level, with their disaggregations, and the
 * catalogue's indicators against their targets for the area shown.
 */
export function indicatorDashboard(
  deps: DashboardDeps,
  user: User,
  query: IndicatorDashboardQuery,
): IndicatorDashboard {
  const quarters = quartersBetween(query.from, query.to);
  if (quarters.length === 0) throw new AppError('bad-request', 'The period ends before it starts.');
  if (quarters.length > MAX_QUARTERS) throw new AppError('bad-request', `Choose at most ${MAX_QUARTERS} quarters.`);
  const tree = deps.locations();
  const area = dashboardArea(tree, user, query.area);
  const below = LEVELS[
    Math.min(LEVELS.indexOf(area.level as (typeof LEVELS)[number]) + 1, LEVELS.length - 1)
  ] as FactLevel;
  const level: FactLevel | null = query.level ?? (area.level === 'colline' ? null : below);
  const aggregates = deps.monitoring.factAggregates(area.set, query.from, query.to, level);

  const byQuarter = new Map<string, Map<string | null, Sums>>();
  for (const a of aggregates) {
    const perType = byQuarter.get(a.quarter) ?? new Map<string | null, Sums>();
    perType.set(a.activityType, addSums(perType.get(a.activityType) ?? ZERO, a));
    byQuarter.set(a.quarter, perType);
  }
  const sumsFor = (quarter: string | null, activityType: string | null): Sums => {
    let total = ZERO;
    for (const [q, perType] of byQuarter) {
      if (quarter !== null && q !== quarter) continue;
      for (const [type, sums] of perType)
        if (activityType === null || type === activityType) total = addSums(total, sums);
    }
    return total;
  };
  const targets = deps.monitoring.targets(query.from, query.to, area.code);
  const targetOf = (code: string, quarter: string) =>
    targets.find((t) => t.indicatorCode === code && t.quarter === quarter)?.target ?? null;

  const directory = deps.directory();
  const locations = [...new Set(aggregates.map((a) => a.location).filter((l): l is string => l !== null))]
    .map((code) => ({ code, name: directory.name(code) }))
    .sort((a, b) => (a.name ?? a.code).localeCompare(b.name ?? b.code, 'fr'));

  return {
    from: query.from,
    to: query.to,
    quarters,
    area: { code: area.code, name: directory.name(area.code), level: area.level },
    level,
    locations,
    aggregates,
    indicators: deps.monitoring
      .indicators()
      .filter((i) => i.active)
      .map((i) => {
        const perQuarter = quarters.map((quarter) => {
          const value = measureValue(i.measure, sumsFor(quarter, i.activityType));
          const target = targetOf(i.code, quarter);
          return { quarter, value, target, progress: progressOf(value, target) };
        });
        const set = perQuarter.map((q) => q.target).filter((t): t is number => t !== null);
        const totalTarget =
          set.length === 0
            ? null
            : i.unit === 'percent'
              ? set.reduce((a, b) => a + b, 0) / set.length
              : set.reduce((a, b) => a + b, 0);
        const totalValue = measureValue(i.measure, sumsFor(null, i.activityType));
        return {
          code: i.code,
          name: i.name,
          unit: i.unit,
          measure: i.measure,
          activityType: i.activityType,
          quarters: perQuarter,
          total: { value: totalValue, target: totalTarget, progress: progressOf(totalValue, totalTarget) },
        };
      }),
  };
}

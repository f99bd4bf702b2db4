import { addSums, measureValue, ZERO, type Sums } from '@kusanya/server/domain/monitoring/measures';
import type { MonitoringRepository } from '@kusanya/server/repositories/monitoring';
import type { Random } from './random.js';

/**
 * Targets of the catalogue's indicators for every quarter, for the country and each province: a little
 * above what the synthetic reports achieved (95 % for payment rates), so dashboards show progress.
 */
export function writeTargets(
  monitoring: MonitoringRepository,
  quarters: readonly string[],
  rng: Random,
  at: string,
): void {
  if (quarters.length === 0) return;
  const indicators = monitoring.indicators().filter((i) => i.active);
  for (const [area, groupBy] of [
    ['BI', null],
    [null, 'province'],
  ] as const) {
    const sums = new Map<string, Sums>();
    for (const r of monitoring.factAggregates(null, quarters[0]!, quarters.at(-1)!, groupBy)) {
      for (const indicator of indicators) {
        if (indicator.activityType !== null && indicator.activityType !== r.activityType) continue;
        const key = `${indicator.code}|${r.quarter}|${area ?? r.location}`;
        sums.set(key, addSums(sums.get(key) ?? ZERO, r));
      }
    }
    for (const [key, s] of sums) {
      const [code, quarter, place] = key.split('|') as [string, string, string];
      const measure = indicators.find((i) => i.code === code)!.measure;
      const value = measureValue(measure, s);
      if (value === null || value <= 0) continue;
      const target = measure === 'payment_rate' ? 95 : Math.round(value * (1.02 + rng.next() * 0.2));
      monitoring.saveTarget({
        indicatorCode: code,
        quarter,
        area: place,
        target,
        updatedAt: at,
        updatedBy: 'synthetic',
      });
    }
  }
}

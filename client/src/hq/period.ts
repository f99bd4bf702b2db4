/** Periods of the dashboards: quarters ("2026-Q1") and days ("2026-01-31"). */
export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

export function shiftQuarter(quarter: string, by: number): string {
  const index = Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1 + by;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The last `count` quarters up to the current one, newest last. */
export function recentQuarters(count: number, now = new Date()): string[] {
  const current = quarterOf(now);
  return Array.from({ length: count }, (_, i) => shiftQuarter(current, i - count + 1));
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function daysAgo(days: number, now = new Date()): string {
  return isoDay(new Date(now.getTime() - days * 86_400_000));
}

import type { OperationsDashboard, OperationsDashboardQuery, User } from '@kusanya/schemas';
import { submissionReads } from '../../domain/read-policy.js';
import { AppError } from '../../errors.js';
import type { UsersRepository } from '../../repositories/users.js';
import { dashboardArea, type DashboardDeps } from './indicators.js';

const MAX_DAYS = 400;

/**
 * Operational charts for a period and area: submissions per day and per enumerator, review decisions
 * (approval, return and rejection rates, delay from receipt to decision) and grievance tickets by
 * category and status with those overdue. Grievance numbers include SENSITIVE categories as counts only,
 * and only for readers who work on grievances (HQ).
 */
export function operationsDashboard(
  deps: DashboardDeps & { users: UsersRepository },
  user: User,
  query: OperationsDashboardQuery,
  now = new Date(),
): OperationsDashboard {
  const from = `${query.from}T00:00:00.000Z`;
  const toDate = new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000);
  const to = toDate.toISOString();
  const days = (toDate.getTime() - Date.parse(from)) / 86_400_000;
  if (!(days >= 1)) throw new AppError('bad-request', 'The period ends before it starts.');
  if (days > MAX_DAYS) throw new AppError('bad-request', `Choose at most ${MAX_DAYS} days.`);
  const tree = deps.locations();
  const area = dashboardArea(tree, user, query.area);
  const collines = area.areas === null ? null : tree.within(area.areas, 'colline');

  const names = new Map<string, string>();
  const username = (id: string) => {
    if (!names.has(id)) names.set(id, deps.users.findById(id)?.username ?? id);
    return names.get(id)!;
  };
  const perDay = new Map<string, { day: string; approve: number; reject: number; return: number }>();
  const totals = { approve: 0, reject: 0, return: 0, total: 0 };
  const histogram = new Map<number, number>();
  let hours = 0;
  for (const d of deps.monitoring.reviewDelays(collines, from, to)) {
    const day = perDay.get(d.day) ?? { day: d.day, approve: 0, reject: 0, return: 0 };
    const decision = d.decision as 'approve' | 'reject' | 'return';
    day[decision] += d.count;
    totals[decision] += d.count;
    totals.total += d.count;
    hours += d.hours;
    histogram.set(d.hour, (histogram.get(d.hour) ?? 0) + d.count);
    perDay.set(d.day, day);
  }
  const rate = (n: number) => (totals.total > 0 ? Math.round((n / totals.total) * 1000) / 1000 : null);
  /** A percentile of the delay, to the hour (the delays are counted per whole hour). */
  const percentile = (p: number) => {
    if (totals.total === 0) return null;
    let seen = 0;
    for (const [hour, count] of [...histogram].sort((a, b) => a[0] - b[0])) {
      seen += count;
      if (seen > p * totals.total) return hour;
    }
    return null;
  };
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

  const byDay = new Map<string, number>();
  const byEnumerator = new Map<string, OperationsDashboard['enumerators'][number]>();
  const reads = { ...submissionReads(tree, user), collines };
  for (const c of deps.monitoring.submissionCounts(reads, from, to)) {
    byDay.set(`${c.day}|${c.formId}`, (byDay.get(`${c.day}|${c.formId}`) ?? 0) + c.count);
    const e = byEnumerator.get(c.enumeratorId) ?? {
      enumeratorId: c.enumeratorId,
      username: username(c.enumeratorId),
      count: 0,
      approved: 0,
      rejected: 0,
      returned: 0,
      waiting: 0,
      needsCorrection: 0,
    };
    e.count += c.count;
    if (c.status === 'approved') e.approved += c.count;
    else if (c.status === 'rejected') e.rejected += c.count;
    else if (c.status === 'returned') e.returned += c.count;
    else if (c.status === 'needs_correction') e.needsCorrection += c.count;
    else e.waiting += c.count;
    byEnumerator.set(c.enumeratorId, e);
  }

  let grievances: OperationsDashboard['grievances'] = null;
  if (user.role === 'hq') {
    // SENSITIVE tickets are for grievance officers only (DESIGN §2, §5): not even counted here, where a
    // narrow filter (one colline, one day) would reveal that one exists.
    const rows = deps.monitoring.ticketCounts(area.set, from, to, now.toISOString(), false);
    const byCategory = new Map<string, { category: string; count: number; overdue: number }>();
    const byStatus = new Map<string, { status: string; count: number; overdue: number }>();
    let total = 0;
    let overdue = 0;
    for (const r of rows) {
      const category = r.category ?? 'UNCATEGORISED';
      const c = byCategory.get(category) ?? { category, count: 0, overdue: 0 };
      c.count += r.count;
      c.overdue += r.overdue;
      byCategory.set(category, c);
      const s = byStatus.get(r.status) ?? { status: r.status, count: 0, overdue: 0 };
      s.count += r.count;
      s.overdue += r.overdue;
      byStatus.set(r.status, s);
      total += r.count;
      overdue += r.overdue;
    }
    grievances = {
      byCategory: [...byCategory.values()].sort((a, b) => b.count - a.count),
      byStatus: [...byStatus.values()],
      total,
      overdue,
    };
  }

  return {
    from: query.from,
    to: query.to,
    area: { code: area.code, name: deps.directory().name(area.code) },
    submissionsPerDay: [...byDay]
      .map(([key, count]) => {
        const [day, formId] = key.split('|') as [string, string];
        return { day, formId, count };
      })
      .sort((a, b) => a.day.localeCompare(b.day) || a.formId.localeCompare(b.formId)),
    enumerators: [...byEnumerator.values()].sort((a, b) => b.count - a.count),
    reviews: {
      perDay: [...perDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
      totals,
      rates: { approve: rate(totals.approve), reject: rate(totals.reject), return: rate(totals.return) },
      delayHours: {
        mean: totals.total > 0 ? round(hours / totals.total) : null,
        p50: percentile(0.5),
        p90: percentile(0.9),
      },
    },
    grievances,
  };
}

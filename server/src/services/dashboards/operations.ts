import type { OperationsDashboard, OperationsDashboardQuery, User } from '@kusanya/schemas';
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
export function operationsDashboard(deps: DashboardDeps & { users: UsersRepository }, user: User, query: OperationsDashboardQuery, now = new Date()): OperationsDashboard {
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
  const decisions = deps.monitoring.reviewDecisions(collines, from, to);
  const perDay = new Map<string, { day: string; approve: number; reject: number; return: number }>();
  const totals = { approve: 0, reject: 0, return: 0, total: 0 };
  let hours = 0;
  for (const d of decisions) {
    const day = perDay.get(d.day) ?? { day: d.day, approve: 0, reject: 0, return: 0 };
    const decision = d.decision as 'approve' | 'reject' | 'return';
    day[decision] += d.count;
    totals[decision] += d.count;
    totals.total += d.count;
    hours += d.hours;
    perDay.set(d.day, day);
  }
  const rate = (n: number) => (totals.total > 0 ? Math.round((n / totals.total) * 1000) / 1000 : null);
  const [p50, p90] = deps.monitoring.reviewDelayPercentiles(collines, from, to, [0.5, 0.9]);
  const round = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(n * 10) / 10);

  let grievances: OperationsDashboard['grievances'] = null;
  if (user.role === 'hq') {
    const rows = deps.monitoring.ticketCounts(area.set, from, to, now.toISOString());
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
    grievances = { byCategory: [...byCategory.values()].sort((a, b) => b.count - a.count), byStatus: [...byStatus.values()], total, overdue };
  }

  return {
    from: query.from,
    to: query.to,
    area: { code: area.code, name: deps.directory().name(area.code) },
    submissionsPerDay: deps.monitoring.submissionsPerDay(collines, from, to),
    enumerators: deps.monitoring.submissionsPerEnumerator(collines, from, to).map((e) => ({ ...e, username: username(e.enumeratorId) })),
    reviews: {
      perDay: [...perDay.values()],
      totals,
      rates: { approve: rate(totals.approve), reject: rate(totals.reject), return: rate(totals.return) },
      delayHours: { mean: totals.total > 0 ? round(hours / totals.total) : null, p50: round(p50), p90: round(p90) },
    },
    grievances,
  };
}

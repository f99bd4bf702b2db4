import type { IndicatorDashboard } from '@kusanya/schemas';

/** Quarters are "YYYY-Qn"; a report's quarter is the one of its report date. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** Every quarter from `from` to `to` included (empty if reversed). */
export function quartersBetween(from: string, to: string): string[] {
  const parse = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(6)) - 1;
  const out: string[] = [];
  for (let i = parse(from); i <= parse(to); i += 1) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return out;
}

/** Sums over validated indicator reports (DESIGN.md §2): an aggregate of the dashboard without its keys. */
export type Sums = Omit<IndicatorDashboard['aggregates'][number], 'quarter' | 'location' | 'activityType'>;

export const ZERO: Sums = {
  reports: 0,
  sessions: 0,
  householdsAttending: 0,
  participantsMen: 0,
  participantsWomen: 0,
  participantsBatwa: 0,
  participantsDisability: 0,
  participantsRefugeesReturnees: 0,
  householdsPlanned: 0,
  householdsPaid: 0,
  amountPlanned: 0,
  amountPaid: 0,
};

export function addSums(a: Sums, b: Sums): Sums {
  const out = { ...a };
  for (const key of Object.keys(ZERO) as (keyof Sums)[]) out[key] = a[key] + b[key];
  return out;
}

/** The value of an indicator measure over summed reports; null when undefined (a rate with nothing planned). */
export function measureValue(measure: string, s: Sums): number | null {
  switch (measure) {
    case 'sessions':
      return s.sessions;
    case 'households_attending':
      return s.householdsAttending;
    case 'participants':
      return s.participantsMen + s.participantsWomen;
    case 'participants_women':
      return s.participantsWomen;
    case 'participants_batwa':
      return s.participantsBatwa;
    case 'participants_disability':
      return s.participantsDisability;
    case 'participants_refugees_returnees':
      return s.participantsRefugeesReturnees;
    case 'households_planned':
      return s.householdsPlanned;
    case 'households_paid':
      return s.householdsPaid;
    case 'amount_planned':
      return s.amountPlanned;
    case 'amount_paid':
      return s.amountPaid;
    case 'payment_rate':
      return s.amountPlanned > 0 ? Math.round((s.amountPaid / s.amountPlanned) * 1000) / 10 : null;
    case 'reports':
      return s.reports;
    default:
      return null;
  }
}

/** Progress against a target, in percent (one decimal). */
export function progressOf(value: number | null, target: number | null): number | null {
  if (value === null || target === null || target <= 0) return null;
  return Math.round((value / target) * 1000) / 10;
}

import { ACTIVITY_TYPES, syntheticReport } from './activity.js';
import { DAY, HOUR, iso, type RowContext } from './row-context.js';

/**
 * The indicator reports of one colline (`households` registered there) for each quarter of the period: an
 * activity happens with its type's probability; recent reports may still wait for review, a few are rejected.
 */
export function reportRows(
  ctx: RowContext,
  collineIndex: number,
  households: number,
  quarters: readonly string[],
): void {
  const { rng, input } = ctx;
  const place = input.places[collineIndex]!;
  const enumerator = input.staff.enumerators.get(place.commune)![1]!;
  const supervisor = input.staff.supervisors.get(place.commune)!;
  for (const quarter of quarters) {
    const year = Number(quarter.slice(0, 4));
    const q = Number(quarter.slice(6));
    for (const [activity, probability] of ACTIVITY_TYPES) {
      if (!rng.chance(probability)) continue;
      const day = Date.UTC(year, (q - 1) * 3, 1) + rng.int(0, 89) * DAY;
      if (day < input.from || day > input.until - DAY) continue;
      const receivedAt = day + rng.exponential(3) * DAY;
      if (receivedAt > input.until) continue;
      const doc = ctx.envelope(
        'indicator_report',
        syntheticReport(rng, activity, iso(day).slice(0, 10), place, households),
        enumerator.id,
        place,
        receivedAt - HOUR,
      );
      const recent = input.until - receivedAt < 20 * DAY;
      const outcome = recent && rng.chance(0.6) ? 'pending' : rng.chance(0.04) ? 'reject' : 'approve';
      if (outcome === 'pending') {
        ctx.submission({ ...doc, status: 'pending_review' }, iso(receivedAt));
      } else {
        const decidedAt = Math.min(input.until, receivedAt + rng.exponential(2) * DAY);
        const decision = outcome === 'approve' ? 'approve' : 'reject';
        ctx.submission(
          {
            ...doc,
            status: decision === 'approve' ? 'approved' : 'rejected',
            rev: 2,
            review: {
              by: supervisor.username,
              at: iso(decidedAt),
              decision,
              ...(decision === 'reject' ? { reason: 'INCOMPLETE' } : {}),
            },
            updatedAt: decidedAt,
          },
          iso(receivedAt),
        );
        ctx.out.review({
          submissionId: doc.id,
          submissionRev: 1,
          decision,
          reason: decision === 'reject' ? 'INCOMPLETE' : null,
          comment: null,
          reviewerId: supervisor.id,
          at: iso(decidedAt),
        });
      }
      ctx.stats.reports += 1;
    }
  }
}

import { normalizeNationalId } from '@kusanya/server/domain/registry/normalize';
import { syntheticGrievance, type Reporter } from './activity.js';
import type { Place } from './household.js';
import { syntheticUuid } from './random.js';
import { HOUR, iso, type RowContext } from './row-context.js';

/**
 * A grievance as the push path writes it (the submission, approved by the system, and its ticket), with the
 * case's history so far: assignment, status changes, the officer's comments and the resolution.
 */
export function grievanceRows(ctx: RowContext, place: Place, receivedAt: number, reporter: Reporter | null): void {
  const { rng, input, out } = ctx;
  const enumerator = input.staff.enumerators.get(place.commune)![0]!;
  const officer = input.staff.officers.get(place.province)!;
  const plan = syntheticGrievance(rng, new Date(receivedAt), new Date(input.until), place, reporter);
  const code = ctx.nextTicket(new Date(receivedAt).getUTCFullYear());
  const doc = ctx.envelope('grievance', plan.data, enumerator.id, place, receivedAt - rng.exponential(6) * HOUR);
  const received = iso(receivedAt);
  ctx.submission(
    {
      ...doc,
      status: 'approved',
      rev: 2,
      review: { by: 'system', at: received, decision: 'approve', comment: `Ticket ${code}` },
      updatedAt: receivedAt,
    },
    received,
  );
  const ticketId = syntheticUuid(rng, receivedAt);
  const last = plan.steps.at(-1);
  const stepAt = (status: string) => plan.steps.find((s) => s.status === status)?.at.toISOString() ?? null;
  out.ticket({
    id: ticketId,
    code,
    submissionId: doc.id,
    status: last?.status ?? 'RECEIVED',
    caseType: 'COMPLAINT',
    category: plan.category,
    subcategory: plan.subcategory,
    sensitive: plan.sensitive,
    special: plan.special,
    channel: plan.channel,
    anonymous: plan.anonymous,
    area: place.colline,
    commune: place.commune,
    province: place.province,
    description: plan.description,
    incidentDate: plan.incidentDate,
    receivedAt: received,
    dueAt: plan.dueAt.toISOString(),
    assignedTo: plan.steps.length > 0 ? officer.id : null,
    version: 1 + plan.steps.length + (plan.steps.length > 0 ? 1 : 0),
    updatedAt: last ? last.at.toISOString() : received,
    householdCode: plan.anonymous ? null : (reporter?.householdCode ?? null),
    reporterIdNorm: plan.anonymous ? null : normalizeNationalId(reporter?.nationalId),
    resolvedAt: stepAt('RESOLVED'),
    closedAt: stepAt('CLOSED'),
  });
  let previous = 'RECEIVED';
  plan.steps.forEach((step, index) => {
    const at = step.at.toISOString();
    if (index === 0) out.event({ ticketId, actorId: officer.id, kind: 'assign', from: null, to: officer.id, at });
    out.event({ ticketId, actorId: officer.id, kind: 'status', from: previous, to: step.status, at });
    if (step.status === 'IN_PROGRESS')
      out.comment({
        id: syntheticUuid(rng, step.at.getTime()),
        ticketId,
        authorId: officer.id,
        body: 'Visite de vérification prévue sur la colline.',
        resolution: false,
        createdAt: at,
      });
    if (step.status === 'RESOLVED' && plan.resolution)
      out.comment({
        id: syntheticUuid(rng, step.at.getTime()),
        ticketId,
        authorId: officer.id,
        body: plan.resolution,
        resolution: true,
        createdAt: at,
      });
    previous = step.status;
  });
  ctx.stats.grievances += 1;
}

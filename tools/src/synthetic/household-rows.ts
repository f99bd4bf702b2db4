import { normalizeNationalId } from '@kusanya/server/domain/registry/normalize';
import { householdText, personText, placeText } from '@kusanya/server/repositories/search-index';
import type { HistoryRow } from '@kusanya/server/repositories/bulk-rows';
import type { Reporter } from './activity.js';
import { grievanceRows } from './grievance-rows.js';
import { syntheticHousehold, type Place } from './household.js';
import { syntheticUuid } from './random.js';
import { DAY, HOUR, iso, type RowContext } from './row-context.js';

/**
 * One registered household as approval writes it: the survey behind it and its review(s), the household,
 * its people and memberships, the history ("(created)" per household and person, "(joined)" per
 * membership), the search documents; sometimes a duplicate survey the supervisor rejected and a grievance
 * from the household.
 */
export function householdRows(ctx: RowContext, index: number, place: Place, campaign: number): void {
  const { rng, input, out } = ctx;
  const enumerator = input.staff.enumerators.get(place.commune)![index % 2]!;
  const supervisor = input.staff.supervisors.get(place.commune)!;
  const approvedAt = Math.min(input.until - HOUR, campaign + rng.next() * 20 * DAY);
  const receivedAt = approvedAt - Math.max(0.5, rng.exponential(30)) * HOUR;
  const finalizedAt = receivedAt - rng.exponential(12) * HOUR;
  // Answers as on the day of the visit (ages and dates as the form computes them when it was finalised).
  const h = syntheticHousehold(rng, new Date(finalizedAt), place, ctx);
  const valuesJson = JSON.stringify(h.values);
  const memberJson = h.members.map((m) => JSON.stringify(m.values));
  const dataJson = `${valuesJson.slice(0, -1)}${valuesJson.length > 2 ? ',' : ''}"members":[${memberJson.join(',')}]}`;
  const doc = ctx.envelope('household_survey', {}, enumerator.id, place, finalizedAt);
  const returned = rng.chance(0.05);
  const approval = iso(approvedAt);
  ctx.submission(
    {
      ...doc,
      status: 'approved',
      rev: returned ? 4 : 2,
      review: { by: supervisor.username, at: approval, decision: 'approve' },
      updatedAt: approvedAt,
    },
    iso(receivedAt),
    dataJson,
  );
  if (returned) {
    const returnedAt = iso(receivedAt + (approvedAt - receivedAt) / 3);
    out.review({
      submissionId: doc.id,
      submissionRev: 1,
      decision: 'return',
      reason: null,
      comment: 'Vérifier les âges des enfants.',
      reviewerId: supervisor.id,
      at: returnedAt,
    });
    out.review({
      submissionId: doc.id,
      submissionRev: 3,
      decision: 'approve',
      reason: null,
      comment: null,
      reviewerId: supervisor.id,
      at: approval,
    });
  } else {
    out.review({
      submissionId: doc.id,
      submissionRev: 1,
      decision: 'approve',
      reason: null,
      comment: null,
      reviewerId: supervisor.id,
      at: approval,
    });
  }

  const householdId = syntheticUuid(rng, approvedAt);
  const code = ctx.nextCode(new Date(approvedAt).getUTCFullYear(), place.province);
  const head = h.members[0]!;
  const household = { id: householdId, code, area: place.colline, commune: place.commune, province: place.province };
  out.household({
    ...household,
    version: 1,
    seq: ctx.nextHouseholdSeq(),
    headNameNorm: ctx.nameKey(head.firstName, head.lastName),
    size: h.members.length,
    valuesJson,
    createdAt: approval,
    updatedAt: approval,
    createdBySubmission: doc.id,
  });
  const where = placeText(household);
  out.search({
    kind: 'household',
    entityId: householdId,
    householdId,
    // The synthetic respondent is always a member (found by their own document).
    ...householdText({ code, respondent: null }),
    place: where,
  });
  // In the order approval writes them: the household, then each person and their membership.
  const history = (entity: HistoryRow['entity'], entityId: string, field: string, newValueJson: string) =>
    out.history({
      householdId,
      householdVersion: 1,
      entity,
      entityId,
      field,
      newValueJson,
      submissionId: doc.id,
      approvedBy: supervisor.username,
      at: approval,
    });
  history(
    'household',
    householdId,
    '(created)',
    `{"code":${JSON.stringify(code)}${valuesJson.length > 2 ? ',' : ''}${valuesJson.slice(1)}`,
  );
  h.members.forEach((m, position) => {
    const individualId = syntheticUuid(rng, approvedAt);
    const person = {
      firstName: m.firstName,
      lastName: m.lastName,
      nameNorm: ctx.nameKey(m.firstName, m.lastName),
      nationalIdNorm: normalizeNationalId(m.nationalId),
      phone: m.phone,
    };
    out.individual({
      id: individualId,
      firstName: m.firstName,
      lastName: m.lastName,
      sex: m.sex,
      birthDate: m.birthDate,
      birthYear: m.birthYear,
      nationalId: m.nationalId,
      nationalIdNorm: person.nationalIdNorm,
      phone: m.phone,
      nameNorm: person.nameNorm,
      commune: place.commune,
      valuesJson: memberJson[position]!,
      version: 1,
      createdAt: approval,
      updatedAt: approval,
    });
    const role = {
      role: m.role,
      relationship: m.relationship,
      recipient: m.recipient,
      respondent: m.respondent,
      position,
    };
    out.membership({ householdId, individualId, ...role, startedAt: approval, startedBy: doc.id });
    const text = personText(person);
    out.search({
      kind: 'individual',
      entityId: individualId,
      householdId,
      name: text.name,
      ids: text.ids,
      place: where,
    });
    history('individual', individualId, '(created)', memberJson[position]!);
    history('membership', individualId, '(joined)', JSON.stringify(role));
  });
  ctx.stats.households += 1;
  ctx.stats.individuals += h.members.length;

  if (rng.chance(0.03)) {
    // A survey the supervisor rejected (a household registered twice): it never reached the registry.
    const rejected = ctx.envelope('household_survey', {}, enumerator.id, place, finalizedAt + DAY);
    const rejectedAt = Math.min(input.until, receivedAt + 2 * DAY);
    ctx.submission(
      {
        ...rejected,
        status: 'rejected',
        rev: 2,
        review: { by: supervisor.username, at: iso(rejectedAt), decision: 'reject', reason: 'DUPLICATE' },
        updatedAt: rejectedAt,
      },
      iso(receivedAt + DAY),
      dataJson,
    );
    out.review({
      submissionId: rejected.id,
      submissionRev: 1,
      decision: 'reject',
      reason: 'DUPLICATE',
      comment: `Déjà enregistré (${code}).`,
      reviewerId: supervisor.id,
      at: iso(rejectedAt),
    });
    ctx.stats.rejectedSurveys += 1;
  }
  if (rng.chance(input.grievanceRate)) {
    const receivedGrievance = approvedAt + rng.next() * (input.until - approvedAt);
    const adult = h.members.find((m) => m.recipient === 'PRIMARY') ?? head;
    const beneficiary = rng.chance(0.8);
    const reporter: Reporter = beneficiary
      ? {
          name: `${adult.firstName} ${adult.lastName}`,
          sex: adult.sex,
          birthYear: adult.birthYear,
          phone: adult.phone,
          nationalId: adult.nationalId,
          householdCode: code,
        }
      : {
          name: `${head.lastName} ${rng.pick(['Anicet', 'Claudine', 'Désiré', 'Odette'])}`,
          sex: rng.chance(0.5) ? 'M' : 'F',
          birthYear: rng.int(1950, 2004),
          phone: null,
          nationalId: null,
          householdCode: null,
        };
    grievanceRows(ctx, place, receivedGrievance, reporter);
  }
}

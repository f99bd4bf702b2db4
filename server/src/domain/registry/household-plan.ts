import type { DecisionResponse } from '@kusanya/schemas';
import { householdProblems } from '@kusanya/shared/registry/invariants';
import { AppError } from '../../errors.js';
import { newId } from '../ids.js';
import { diffValues } from './diff.js';
import { respondentOutsideRoster, type HouseholdAnswers, type MemberAnswers } from './household-answers.js';
import type { HistoryEntry, HouseholdRecord, IndividualRecord, MembershipRecord } from './records.js';

/** The registry household an approval created or changed (schemas: DecisionResponse.household). */
export type AppliedHousehold = NonNullable<DecisionResponse['household']>;

/** What a "same person" decision on a roster line points at. */
export type MemberLink =
  /** A registry individual (directly, or the one a roster line of an approved record became). */
  | { individualId: string; activeIn: { householdId: string; code: string } | null }
  /** A roster line of another record still waiting for review. */
  | { waitingSubmission: string };

/** What the registry holds that an approval touches, read by the use case in its transaction. */
export interface RegistryState {
  /** The household a revisit is about; null for a new household (or a revisit of one not in the registry). */
  household: HouseholdRecord | null;
  /** Its active memberships. */
  members: readonly MembershipRecord[];
  /** The registry individuals of the known roster lines and of the linked ones, by id. */
  individuals: ReadonlyMap<string, IndividualRecord>;
  /** "Same person" decisions, by roster index. */
  links: ReadonlyMap<number, MemberLink>;
  /** Whether a reviewer judged the whole household the same as another one. */
  sameHousehold: boolean;
}

/** The approved household survey, in registry terms. */
export interface ApprovedSurvey {
  submissionId: string;
  /** The household a revisit is about, and the registry version the device started from. */
  subject: { householdId: string; baseVersion: number } | null;
  /** The registry version the reviewer was shown (required when the registry moved since the visit). */
  registryVersion: number | undefined;
  area: string;
  commune: string;
  province: string;
  answers: HouseholdAnswers;
  approvedBy: string;
  at: Date;
  /** The code a new household gets (null for a revisit). */
  newCode: string | null;
  /** New record ids (default: UUIDv7). */
  newId?: () => string;
}

type MembershipRole = Pick<MembershipRecord, 'role' | 'relationship' | 'recipient' | 'respondent' | 'position'>;

/** Every write an approval makes to the registry, in the order they are applied. */
export interface HouseholdPlan {
  household: { insert: HouseholdRecord } | { update: HouseholdRecord };
  /** The respondent's name when not a member's (the registry search indexes it on the household), or null. */
  respondentName: string | null;
  insertIndividuals: IndividualRecord[];
  updateIndividuals: IndividualRecord[];
  /** A roster line of this record that is a person already registered ("same person"). */
  aliases: { aliasId: string; individualId: string }[];
  insertMemberships: Omit<MembershipRecord, 'id' | 'endedAt' | 'endedBy'>[];
  updateMemberships: (MembershipRole & { id: number })[];
  /** Memberships of those who left: ids. */
  endMemberships: number[];
  /** The append-only history of every change, field by field. */
  history: HistoryEntry[];
  result: AppliedHousehold;
}

const refuse = (message: string, details?: unknown[]) => new AppError('not-approvable', message, details);
const refuseWithoutCode = (): never => {
  throw new AppError('internal', 'A new household needs a code.');
};

function individualFields(m: MemberAnswers, commune: string) {
  return {
    firstName: m.firstName,
    lastName: m.lastName,
    sex: m.sex,
    birthDate: m.birthDate,
    birthYear: m.birthYear,
    nationalId: m.nationalId,
    nationalIdNorm: m.nationalIdNorm,
    phone: m.phone,
    nameNorm: m.nameNorm,
    commune,
    values: m.values,
  };
}

/** Refusals that need no look at the members: the household's invariants, a duplicate household, a stale visit. */
function checkApprovable(survey: ApprovedSurvey, state: RegistryState): void {
  const problems = householdProblems(survey.answers.members);
  if (problems.length > 0) throw refuse(problems.map((p) => p.message).join(' '), problems);
  if (state.sameHousehold) {
    throw refuse(
      'This household was judged the same as one already registered or waiting: reject this record as a duplicate, or record a visit of the existing household.',
    );
  }
  const { subject, registryVersion } = survey;
  const household = state.household;
  if (subject && !household) throw refuse(`Household ${subject.householdId} is not in the registry.`);
  if (subject && household && household.version !== subject.baseVersion && registryVersion !== household.version) {
    throw new AppError(
      'stale-version',
      `The registry changed since this visit (version ${subject.baseVersion} → ${household.version}${registryVersion ? `; you were shown version ${registryVersion}` : ''}). Review the differences again before approving.`,
      [{ baseVersion: subject.baseVersion, currentVersion: household.version, shownVersion: registryVersion ?? null }],
    );
  }
}

/** The registry individual a "same person" decision links a roster line to, if any (refused while it waits). */
function linkedIndividual(state: RegistryState, m: MemberAnswers, householdId: string): string | null {
  const link = state.links.get(m.index);
  if (!link) return null;
  if ('waitingSubmission' in link) {
    throw refuse(
      `Member ${m.index + 1} is the same person as a member of record ${link.waitingSubmission}, which is still waiting for review: decide on that record first.`,
    );
  }
  if (link.activeIn && link.activeIn.householdId !== householdId) {
    throw refuse(
      `Member ${m.index + 1} is already an active member of household ${link.activeIn.code}: record their departure there first.`,
    );
  }
  return link.individualId;
}

/**
 * What an approved household survey changes in the registry (DESIGN.md §4), decided from the registry's current
 * state without touching it: a new household creates the household (with its code), its individuals and
 * memberships; a revisit applies field-level changes, adds members and ends the membership of those who left.
 * Refuses (AppError) a state that would break the household's invariants (one HEAD, one PRIMARY recipient, shared
 * with the device), a household judged a duplicate, a stale revisit, a person still waiting elsewhere or active in
 * another household. Every change is in the history. `usecases/registry/apply-household.ts` reads and writes.
 */
export function planHousehold(survey: ApprovedSurvey, state: RegistryState): HouseholdPlan {
  checkApprovable(survey, state);
  const { answers, commune, submissionId } = survey;
  const makeId = survey.newId ?? newId;
  const at = survey.at.toISOString();
  const history: Omit<HistoryEntry, 'householdVersion'>[] = [];
  const log = (entity: HistoryEntry['entity'], entityId: string, field: string, oldValue: unknown, newValue: unknown) =>
    history.push({
      householdId,
      entity,
      entityId,
      field,
      oldValue,
      newValue,
      submissionId,
      approvedBy: survey.approvedBy,
      at,
    });

  const current = state.household;
  const household: HouseholdRecord = current
    ? {
        ...current,
        version: current.version + 1,
        headNameNorm: answers.headNameNorm,
        size: answers.members.length,
        values: answers.values,
        updatedAt: at,
      }
    : {
        id: makeId(),
        code: survey.newCode ?? refuseWithoutCode(),
        area: survey.area,
        commune,
        province: survey.province,
        version: 1,
        headNameNorm: answers.headNameNorm,
        size: answers.members.length,
        values: answers.values,
        createdAt: at,
        updatedAt: at,
        createdBySubmission: submissionId,
      };
  const householdId = household.id;
  // A new household's values are its first version (kept in its row); the history records the creation and,
  // from then on, every change field by field.
  if (current)
    for (const c of diffValues(current.values, answers.values)) log('household', householdId, c.field, c.old, c.new);
  else log('household', householdId, '(created)', null, { code: household.code });

  const plan: HouseholdPlan = {
    household: current ? { update: household } : { insert: household },
    respondentName: respondentOutsideRoster(answers.values, answers.members),
    insertIndividuals: [],
    updateIndividuals: [],
    aliases: [],
    insertMemberships: [],
    updateMemberships: [],
    endMemberships: [],
    history: [],
    result: { householdId, code: household.code, version: household.version, created: !current },
  };
  const memberships = new Map(state.members.map((m) => [m.individualId, m]));
  const kept = new Set<string>();
  for (const m of answers.members) {
    const known = m.individualId ? memberships.get(m.individualId) : undefined;
    const linked = known ? null : linkedIndividual(state, m, householdId);
    const individualId = known?.individualId ?? linked ?? makeId();
    if (linked) plan.aliases.push({ aliasId: `${submissionId}#${m.index}`, individualId: linked });
    const existing = known || linked ? state.individuals.get(individualId) : undefined;
    if (existing) {
      for (const c of diffValues(existing.values, m.values)) log('individual', individualId, c.field, c.old, c.new);
      plan.updateIndividuals.push({
        ...existing,
        ...individualFields(m, commune),
        version: existing.version + 1,
        updatedAt: at,
      });
    } else {
      plan.insertIndividuals.push({
        id: individualId,
        ...individualFields(m, commune),
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
      log('individual', individualId, '(created)', null, m.values);
    }
    const role: MembershipRole = {
      role: m.role,
      relationship: m.relationship,
      recipient: m.recipient,
      respondent: m.respondent,
      position: m.index,
    };
    const membership = memberships.get(individualId);
    if (membership) {
      for (const field of ['role', 'relationship', 'recipient', 'respondent'] as const) {
        if (membership[field] !== role[field]) log('membership', individualId, field, membership[field], role[field]);
      }
      plan.updateMemberships.push({ id: membership.id, ...role });
    } else {
      plan.insertMemberships.push({ householdId, individualId, ...role, startedAt: at, startedBy: submissionId });
      log('membership', individualId, '(joined)', null, role);
    }
    kept.add(individualId);
  }
  for (const [individualId, membership] of memberships) {
    if (kept.has(individualId)) continue;
    plan.endMemberships.push(membership.id);
    log('membership', individualId, '(left)', { role: membership.role }, null);
  }
  plan.history = history.map((h) => ({ ...h, householdVersion: household.version }));
  return plan;
}

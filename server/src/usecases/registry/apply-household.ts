import type { DecisionResponse, Submission } from '@kusanya/schemas';
import { diffValues } from '../../domain/registry/diff.js';
import {
  householdAnswers,
  respondentOutsideRoster,
  type MemberAnswers,
  type StoredFields,
} from '../../domain/registry/household-answers.js';
import { householdCode } from '../../domain/registry/household-code.js';
import { householdProblems } from '../../../../shared/src/registry/invariants.js';
import { newId } from '../../domain/ids.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type {
  HistoryEntry,
  IndividualRecord,
  MembershipRecord,
  RegistryRepository,
} from '../../repositories/registry.js';
import type { CandidateRecord, ReviewRepository } from '../../repositories/review.js';

export interface Approval {
  submission: Submission;
  /** The stored questions of the submission's form version (LoadedForm.stored). */
  stored: StoredFields;
  approver: { id: string; username: string };
  /** The registry version the reviewer was shown (required when the registry moved since the visit). */
  registryVersion: number | undefined;
  at: Date;
}

/** The registry household an approval created or changed (schemas: DecisionResponse.household). */
export type AppliedHousehold = NonNullable<DecisionResponse['household']>;

interface Deps {
  registry: RegistryRepository;
  review: ReviewRepository;
  locations: () => LocationTree;
}

const refuse = (message: string, details?: unknown[]) => new AppError('not-approvable', message, details);

/** The registry individual a "same person" decision links a roster line to, if any. */
function linkedIndividual(deps: Deps, decided: CandidateRecord[], m: MemberAnswers): string | null {
  const same = decided.find((c) => c.memberIndex === m.index && c.decision === 'same');
  if (!same) return null;
  if (same.candidateKind === 'individual') return same.candidateId;
  const [submissionId, index] = same.candidateId.split('#');
  const individual = deps.registry.individualFromSubmission(submissionId!, Number(index));
  if (!individual) {
    throw refuse(
      `Member ${m.index + 1} is the same person as a member of record ${submissionId}, which is still waiting for review: decide on that record first.`,
    );
  }
  return individual;
}

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

/**
 * Applies an approved household survey to the registry, in the caller's transaction (DESIGN.md §4):
 * a new household creates the household (with its code), its individuals and memberships; a revisit
 * applies field-level changes, adds members and ends the membership of those who left. Keeps exactly one
 * HEAD and one PRIMARY recipient, and no individual in two active households. Every change is written to
 * the append-only history.
 */
export function applyHouseholdSubmission(deps: Deps, approval: Approval): AppliedHousehold {
  const { submission: doc, approver } = approval;
  const at = approval.at.toISOString();
  const tree = deps.locations();
  const commune = tree.ancestor(doc.meta.area, 'commune') ?? doc.meta.area;
  const province = tree.ancestor(doc.meta.area, 'province') ?? 'XX';
  const answers = householdAnswers(approval.stored, doc.data, approval.at);
  const problems = householdProblems(answers.members);
  if (problems.length > 0) throw refuse(problems.map((p) => p.message).join(' '), problems);

  const decided = deps.review.candidatesOf(doc.id);
  if (decided.some((c) => c.memberIndex === null && c.decision === 'same')) {
    throw refuse(
      'This household was judged the same as one already registered or waiting: reject this record as a duplicate, or record a visit of the existing household.',
    );
  }

  const history: Omit<HistoryEntry, 'householdVersion'>[] = [];
  const log = (
    householdId: string,
    entity: HistoryEntry['entity'],
    entityId: string,
    field: string,
    oldValue: unknown,
    newValue: unknown,
  ) =>
    history.push({
      householdId,
      entity,
      entityId,
      field,
      oldValue,
      newValue,
      submissionId: doc.id,
      approvedBy: approver.username,
      at,
    });

  const subject = doc.meta.subject;
  let household = subject ? deps.registry.getHousehold(subject.householdId) : null;
  if (subject && !household) throw refuse(`Household ${subject.householdId} is not in the registry.`);
  if (household && subject) {
    if (household.version !== subject.baseVersion && approval.registryVersion !== household.version) {
      throw new AppError(
        'stale-version',
        `The registry changed since this visit (version ${subject.baseVersion} → ${household.version}${approval.registryVersion ? `; you were shown version ${approval.registryVersion}` : ''}). Review the differences again before approving.`,
        [
          {
            baseVersion: subject.baseVersion,
            currentVersion: household.version,
            shownVersion: approval.registryVersion ?? null,
          },
        ],
      );
    }
  }

  const created = !household;
  if (!household) {
    const year = approval.at.getUTCFullYear();
    household = {
      id: newId(),
      code: householdCode(year, province, deps.registry.nextHouseholdSequence(year, province)),
      area: doc.meta.area,
      commune,
      province,
      version: 1,
      headNameNorm: answers.headNameNorm,
      size: answers.members.length,
      values: answers.values,
      createdAt: at,
      updatedAt: at,
      createdBySubmission: doc.id,
    };
    deps.registry.insertHousehold(household, respondentOutsideRoster(answers.values, answers.members));
    // The values themselves are the household's first version (kept in the household row); the history
    // records the creation and, from then on, every change field by field.
    log(household.id, 'household', household.id, '(created)', null, { code: household.code });
  } else {
    for (const change of diffValues(household.values, answers.values)) {
      log(household.id, 'household', household.id, change.field, change.old, change.new);
    }
    household = {
      ...household,
      version: household.version + 1,
      headNameNorm: answers.headNameNorm,
      size: answers.members.length,
      values: answers.values,
      updatedAt: at,
    };
    deps.registry.updateHousehold(household, respondentOutsideRoster(answers.values, answers.members));
  }
  const householdId = household.id;
  const householdCodeText = household.code;

  const current = new Map<string, MembershipRecord>(
    deps.registry.activeMembers(householdId).map((m) => [m.individualId, m]),
  );
  const kept = new Set<string>();
  for (const m of answers.members) {
    const known = m.individualId ? current.get(m.individualId) : undefined;
    const linked = known ? null : linkedIndividual(deps, decided, m);
    const individualId = known?.individualId ?? linked ?? newId();
    const existing = known || linked ? deps.registry.getIndividual(individualId) : null;
    if (linked) {
      const elsewhere = deps.registry.activeMembershipOf(linked);
      if (elsewhere && elsewhere.householdId !== householdId) {
        const other = deps.registry.getHousehold(elsewhere.householdId);
        throw refuse(
          `Member ${m.index + 1} is already an active member of household ${other?.code ?? elsewhere.householdId}: record their departure there first.`,
        );
      }
      deps.review.addAlias(`${doc.id}#${m.index}`, linked, doc.id, approver.username, at);
    }
    if (existing) {
      for (const change of diffValues(existing.values, m.values))
        log(householdId, 'individual', individualId, change.field, change.old, change.new);
      deps.registry.updateIndividual({
        ...existing,
        ...individualFields(m, commune),
        version: existing.version + 1,
        updatedAt: at,
      });
    } else {
      const person: IndividualRecord = {
        id: individualId,
        ...individualFields(m, commune),
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      deps.registry.insertIndividual(person);
      log(householdId, 'individual', individualId, '(created)', null, m.values);
    }
    const role = {
      role: m.role,
      relationship: m.relationship,
      recipient: m.recipient,
      respondent: m.respondent,
      position: m.index,
    };
    const membership = current.get(individualId);
    if (membership) {
      for (const field of ['role', 'relationship', 'recipient', 'respondent'] as const) {
        if (membership[field] !== role[field])
          log(householdId, 'membership', individualId, field, membership[field], role[field]);
      }
      deps.registry.updateMembership({ id: membership.id, ...role });
    } else {
      deps.registry.insertMembership({ householdId, individualId, ...role, startedAt: at, startedBy: doc.id });
      log(householdId, 'membership', individualId, '(joined)', null, role);
    }
    kept.add(individualId);
  }
  for (const [individualId, membership] of current) {
    if (kept.has(individualId)) continue;
    deps.registry.endMembership(membership.id, at, doc.id);
    log(householdId, 'membership', individualId, '(left)', { role: membership.role }, null);
  }
  const version = household.version;
  deps.registry.addHistory(history.map((h) => ({ ...h, householdVersion: version })));
  return { householdId, code: householdCodeText, version: household.version, created };
}

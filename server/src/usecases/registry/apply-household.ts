import type { Submission } from '@kusanya/schemas';
import { householdAnswers, type StoredFields } from '../../domain/registry/household-answers.js';
import { householdCode } from '../../domain/registry/household-code.js';
import {
  planHousehold,
  type AppliedHousehold,
  type HouseholdPlan,
  type MemberLink,
  type RegistryState,
} from '../../domain/registry/household-plan.js';
import type { IndividualRecord } from '../../domain/registry/records.js';
import type { LocationTree } from '../../domain/scope.js';
import type { RegistryRepository } from '../../repositories/registry.js';
import type { ReviewRepository } from '../../repositories/review.js';

export type { AppliedHousehold };

export interface Approval {
  submission: Submission;
  /** The stored questions of the submission's form version (LoadedForm.stored). */
  stored: StoredFields;
  approver: { id: string; username: string };
  /** The registry version the reviewer was shown (required when the registry moved since the visit). */
  registryVersion: number | undefined;
  at: Date;
}

interface Deps {
  registry: RegistryRepository;
  review: ReviewRepository;
  locations: () => LocationTree;
}

/** What the plan needs of the registry: the visited household, its members, the people linked to the roster. */
function readState(deps: Deps, doc: Submission, knownIds: string[]): RegistryState {
  const { registry, review } = deps;
  const subject = doc.meta.subject;
  const household = subject ? registry.getHousehold(subject.householdId) : null;
  const members = household ? registry.activeMembers(household.id) : [];
  const decided = review.candidatesOf(doc.id);
  const links = new Map<number, MemberLink>();
  for (const c of decided) {
    if (c.memberIndex === null || c.decision !== 'same' || links.has(c.memberIndex)) continue;
    const [submissionId, index] = c.candidateId.split('#');
    const individualId =
      c.candidateKind === 'individual'
        ? c.candidateId
        : registry.individualFromSubmission(submissionId!, Number(index));
    if (!individualId) {
      links.set(c.memberIndex, { waitingSubmission: submissionId! });
      continue;
    }
    const elsewhere = registry.activeMembershipOf(individualId);
    const activeIn = elsewhere
      ? {
          householdId: elsewhere.householdId,
          code: registry.getHousehold(elsewhere.householdId)?.code ?? elsewhere.householdId,
        }
      : null;
    links.set(c.memberIndex, { individualId, activeIn });
  }
  const current = new Set(members.map((m) => m.individualId));
  const ids = [
    ...knownIds.filter((id) => current.has(id)),
    ...[...links.values()].flatMap((l) => ('individualId' in l ? [l.individualId] : [])),
  ];
  const individuals = new Map<string, IndividualRecord>();
  for (const id of ids) {
    const person = registry.getIndividual(id);
    if (person) individuals.set(id, person);
  }
  return {
    household,
    members,
    individuals,
    links,
    sameHousehold: decided.some((c) => c.memberIndex === null && c.decision === 'same'),
  };
}

/** Writes a plan, in the caller's transaction: the household, then its people, then who belongs to it. */
function applyPlan(deps: Deps, plan: HouseholdPlan, submissionId: string, approvedBy: string, at: string): void {
  const { registry, review } = deps;
  if ('insert' in plan.household) registry.insertHousehold(plan.household.insert, plan.respondentName);
  else registry.updateHousehold(plan.household.update, plan.respondentName);
  for (const person of plan.insertIndividuals) registry.insertIndividual(person);
  for (const person of plan.updateIndividuals) registry.updateIndividual(person);
  for (const a of plan.aliases) review.addAlias(a.aliasId, a.individualId, submissionId, approvedBy, at);
  for (const m of plan.updateMemberships) registry.updateMembership(m);
  for (const m of plan.insertMemberships) registry.insertMembership(m);
  for (const id of plan.endMemberships) registry.endMembership(id, at, submissionId);
  registry.addHistory(plan.history);
}

/**
 * Applies an approved household survey to the registry, in the caller's transaction (DESIGN.md §4): reads the
 * registry's state, asks the domain for the change plan (domain/registry/household-plan.ts: what to create,
 * change and close, or why not), and writes it.
 */
export function applyHouseholdSubmission(deps: Deps, approval: Approval): AppliedHousehold {
  const { submission: doc, approver } = approval;
  const tree = deps.locations();
  const province = tree.ancestor(doc.meta.area, 'province') ?? 'XX';
  const answers = householdAnswers(approval.stored, doc.data, approval.at);
  const state = readState(
    deps,
    doc,
    answers.members.flatMap((m) => (m.individualId ? [m.individualId] : [])),
  );
  const year = approval.at.getUTCFullYear();
  const plan = planHousehold(
    {
      submissionId: doc.id,
      subject: doc.meta.subject ?? null,
      registryVersion: approval.registryVersion,
      area: doc.meta.area,
      commune: tree.ancestor(doc.meta.area, 'commune') ?? doc.meta.area,
      province,
      answers,
      approvedBy: approver.username,
      at: approval.at,
      // Taken only for a new household; a refused approval rolls the sequence back with its transaction.
      newCode: state.household
        ? null
        : householdCode(year, province, deps.registry.nextHouseholdSequence(year, province)),
    },
    state,
  );
  applyPlan(deps, plan, doc.id, approver.username, approval.at.toISOString());
  return plan.result;
}

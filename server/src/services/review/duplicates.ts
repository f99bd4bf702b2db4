import { identityKey, type HouseholdAnswers } from '../../domain/registry/household-answers.js';
import type { RegistryRepository } from '../../repositories/registry.js';
import type { CandidateRecord, ReviewRepository } from '../../repositories/review.js';

type NewCandidate = Omit<CandidateRecord, 'id' | 'decision' | 'decidedBy' | 'decidedAt'>;

export interface DuplicateScope {
  submissionId: string;
  area: string;
  commune: string;
  /** Household revisited, whose own members are not duplicates of themselves. */
  householdId: string | null;
}

const MAX_PER_RULE = 5;

/**
 * Duplicate candidates of a submission waiting for review (DESIGN.md §4), against the registry and the
 * other submissions still waiting: same normalised national ID; same normalised full name + sex + birth
 * year ±1 in the same commune; household: same colline + head name + size ±1. Candidates already judged
 * "different" for the same identity are not proposed again. Nothing is merged.
 * Runs inside the push transaction; every lookup is an indexed equality/range query.
 */
export function recordDuplicateCandidates(
  deps: { registry: RegistryRepository; review: ReviewRepository },
  scope: DuplicateScope,
  answers: HouseholdAnswers,
): NewCandidate[] {
  const { registry, review } = deps;
  const ownMembers = new Set(scope.householdId ? registry.activeMembers(scope.householdId).map((m) => m.individualId) : []);
  const found: NewCandidate[] = [];
  const seen = new Set<string>();
  const add = (c: NewCandidate, identity: string | null) => {
    const key = `${c.memberIndex ?? -1}|${c.candidateId}`;
    if (seen.has(key) || (identity && review.isDismissed(identity, c.candidateId))) return;
    seen.add(key);
    found.push(c);
  };

  for (const m of answers.members) {
    const identity = identityKey(m);
    const base = { submissionId: scope.submissionId, memberIndex: m.index };
    const notSelf = (id: string) => id !== m.individualId && !ownMembers.has(id);
    if (m.nationalIdNorm) {
      for (const i of registry.individualsByNationalId(m.nationalIdNorm, MAX_PER_RULE)) {
        if (notSelf(i.id)) add({ ...base, rule: 'national_id', candidateKind: 'individual', candidateId: i.id }, identity);
      }
      for (const p of review.pendingPeopleByNationalId(m.nationalIdNorm, scope.submissionId, MAX_PER_RULE)) {
        add({ ...base, rule: 'national_id', candidateKind: 'pending_person', candidateId: `${p.submission_id}#${p.member_index}` }, identity);
      }
    }
    if (m.nameNorm && m.birthYear !== null) {
      for (const i of registry.individualsByName(scope.commune, m.nameNorm, m.sex, m.birthYear, MAX_PER_RULE)) {
        if (notSelf(i.id)) add({ ...base, rule: 'name', candidateKind: 'individual', candidateId: i.id }, identity);
      }
      for (const p of review.pendingPeopleByName(scope.commune, m.nameNorm, m.sex, m.birthYear, scope.submissionId, MAX_PER_RULE)) {
        add({ ...base, rule: 'name', candidateKind: 'pending_person', candidateId: `${p.submission_id}#${p.member_index}` }, identity);
      }
    }
  }

  if (!scope.householdId && answers.headNameNorm) {
    const size = answers.members.length;
    const identity = `household|${scope.area}|${answers.headNameNorm}`;
    const base = { submissionId: scope.submissionId, memberIndex: null };
    for (const h of registry.householdsLike(scope.area, answers.headNameNorm, size, MAX_PER_RULE)) {
      add({ ...base, rule: 'household', candidateKind: 'household', candidateId: h.id }, identity);
    }
    for (const id of review.pendingHouseholdsLike(scope.area, answers.headNameNorm, size, scope.submissionId, MAX_PER_RULE)) {
      add({ ...base, rule: 'household', candidateKind: 'pending_household', candidateId: id }, identity);
    }
  }

  // Members already in the registry (on a revisit) are not "waiting": only new people are.
  review.setPending(
    scope.submissionId,
    answers.members.filter((m) => !m.individualId).map((m) => ({
      submissionId: scope.submissionId,
      memberIndex: m.index,
      nameNorm: m.nameNorm,
      commune: scope.commune,
      sex: m.sex,
      birthYear: m.birthYear,
      nationalIdNorm: m.nationalIdNorm,
    })),
    scope.householdId ? null : { area: scope.area, headNameNorm: answers.headNameNorm, size: answers.members.length },
  );
  review.replaceOpenCandidates(scope.submissionId, found);
  return found;
}

/** The identity key of a household for remembered "different" decisions. */
export function householdIdentity(area: string, headNameNorm: string): string {
  return `household|${area}|${headNameNorm}`;
}

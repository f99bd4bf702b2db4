import { identityKey, type HouseholdKeys } from '../../domain/registry/household-answers.js';
import type { RegistryRepository } from '../../repositories/registry.js';
import type { CandidateRecord, PersonProbe, ReviewRepository } from '../../repositories/review.js';

type NewCandidate = Omit<CandidateRecord, 'id' | 'decision' | 'decidedBy' | 'decidedAt'>;

export interface DuplicateScope {
  submissionId: string;
  area: string;
  commune: string;
  /** Household revisited, whose own members are not duplicates of themselves. */
  householdId: string | null;
}

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
  answers: HouseholdKeys,
): NewCandidate[] {
  const { registry, review } = deps;
  const ownMembers = new Set(
    scope.householdId ? registry.activeMembers(scope.householdId).map((m) => m.individualId) : [],
  );
  const found: NewCandidate[] = [];
  const seen = new Set<string>();
  const add = (c: NewCandidate, identity: string | null) => {
    const key = `${c.memberIndex ?? -1}|${c.candidateId}`;
    if (seen.has(key) || (identity && review.isDismissed(identity, c.candidateId))) return;
    seen.add(key);
    found.push(c);
  };

  // One query finds every person candidate of every member (registry and records waiting).
  const probes: PersonProbe[] = answers.members.map((m) => ({
    idx: m.index,
    name: m.nameNorm,
    // The name rule needs name, sex and birth year (DESIGN.md §4).
    sex: m.nameNorm ? m.sex : null,
    year: m.nameNorm && m.sex ? m.birthYear : null,
    nid: m.nationalIdNorm,
  }));
  const byIndex = new Map(answers.members.map((m) => [m.index, m]));
  for (const c of review.personCandidates(scope.submissionId, scope.commune, probes)) {
    const m = byIndex.get(c.memberIndex)!;
    if (c.kind === 'individual' && (c.candidateId === m.individualId || ownMembers.has(c.candidateId))) continue;
    add(
      {
        submissionId: scope.submissionId,
        memberIndex: c.memberIndex,
        rule: c.rule,
        candidateKind: c.kind,
        candidateId: c.candidateId,
      },
      identityKey(m),
    );
  }

  if (!scope.householdId && answers.headNameNorm) {
    const size = answers.members.length;
    const identity = `household|${scope.area}|${answers.headNameNorm}`;
    const base = { submissionId: scope.submissionId, memberIndex: null };
    for (const id of registry.householdsLike(scope.area, answers.headNameNorm, size)) {
      add({ ...base, rule: 'household', candidateKind: 'household', candidateId: id }, identity);
    }
    for (const id of review.pendingHouseholdsLike(scope.area, answers.headNameNorm, size, scope.submissionId)) {
      add({ ...base, rule: 'household', candidateKind: 'pending_household', candidateId: id }, identity);
    }
  }

  // Members already in the registry (on a revisit) are not "waiting": only new people are.
  const newcomers = new Set(answers.members.filter((m) => !m.individualId).map((m) => m.index));
  review.setPending(
    scope.submissionId,
    scope.commune,
    probes.filter((p) => newcomers.has(p.idx)),
    scope.householdId ? null : { area: scope.area, headNameNorm: answers.headNameNorm, size: answers.members.length },
  );
  review.replaceOpenCandidates(scope.submissionId, found);
  return found;
}

/** The identity key of a household for remembered "different" decisions. */
export function householdIdentity(area: string, headNameNorm: string): string {
  return `household|${area}|${headNameNorm}`;
}

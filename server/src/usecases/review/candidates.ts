import type { DuplicateCandidate, User } from '@kusanya/schemas';
import { HOUSEHOLD_FORM_ID, householdAnswers, identityKey } from '../../domain/registry/household-answers.js';
import { AppError } from '../../errors.js';
import type { ReviewDeps } from './decide.js';
import { readableRecord } from './decide.js';
import { householdIdentity } from './duplicates.js';
import { submissionReview, type ReviewReadDeps } from './read.js';

/**
 * The reviewer's judgement on one duplicate candidate: "same" (linked on approval, the oldest id kept,
 * the alias recorded) or "different" (remembered for this identity, not asked again). Nothing is merged here.
 */
export function decideCandidate(
  deps: ReviewDeps & ReviewReadDeps,
  reviewer: User,
  candidateId: number,
  decision: 'same' | 'different',
): DuplicateCandidate {
  const run = deps.db.transaction(() => {
    const candidate = deps.review.candidate(candidateId);
    if (!candidate) throw new AppError('not-found', 'No such duplicate candidate.');
    const doc = readableRecord(deps, reviewer, candidate.submissionId);
    if (doc.status !== 'pending_review')
      throw new AppError('conflict', `This record is ${doc.status}; its candidates can no longer change.`);
    const at = new Date().toISOString();
    deps.review.decideCandidate(candidate.id, decision, reviewer.username, at);
    if (decision === 'different' && doc.formId === HOUSEHOLD_FORM_ID) {
      const form = deps.forms.get(doc.formId, doc.formVersion);
      if (form) {
        const answers = householdAnswers(form.stored, doc.data, new Date(doc.meta.finalizedAt));
        const member = candidate.memberIndex === null ? null : answers.members[candidate.memberIndex];
        const identity = member ? identityKey(member) : householdIdentity(doc.meta.area, answers.headNameNorm);
        deps.review.dismiss(identity, candidate.candidateId, reviewer.username, at);
      }
    }
  });
  run.immediate();
  const updated = submissionReview(deps, reviewer, deps.review.candidate(candidateId)!.submissionId).candidates.find(
    (c) => c.id === candidateId,
  );
  return updated!;
}

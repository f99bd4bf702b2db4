import type { BulkApproveResponse, User } from '@kusanya/schemas';
import { AppError } from '../../errors.js';
import { decideOn, inReviewScope, type ReviewDeps } from './decide.js';

/**
 * Approves the records that need no judgement: waiting for review, no duplicate candidates at all, and
 * not a revisit of a household that changed since the visit. Others are skipped with the reason. The batch
 * commits once (one durable write for all), each record in its own savepoint, so a failure of one rolls
 * back only that record and never blocks the rest.
 */
export function bulkApprove(
  deps: ReviewDeps,
  reviewer: User,
  items: { id: string; rev: number }[],
): BulkApproveResponse {
  return deps.db.transaction(() => approveEach(deps, reviewer, items)).immediate();
}

function approveEach(deps: ReviewDeps, reviewer: User, items: { id: string; rev: number }[]): BulkApproveResponse {
  const results = items.map(({ id, rev }): BulkApproveResponse['results'][number] => {
    const doc = deps.submissions.getMaster(id);
    if (!doc) return { id, outcome: 'failed', message: 'No such record.' };
    if (!inReviewScope(deps.locations(), reviewer, doc.meta.area)) {
      return { id, outcome: 'failed', message: `Record of colline ${doc.meta.area} is outside your areas.` };
    }
    if (doc.status !== 'pending_review') return { id, outcome: 'skipped', message: `The record is ${doc.status}.` };
    if (deps.review.candidatesOf(id).length > 0)
      return { id, outcome: 'skipped', message: 'It has possible duplicates: review it on its own.' };
    const subject = doc.meta.subject;
    if (subject && deps.registry.getHousehold(subject.householdId)?.version !== subject.baseVersion) {
      return {
        id,
        outcome: 'skipped',
        message: 'The household changed since the visit: review the differences on its own.',
      };
    }
    try {
      const outcome = decideOn(deps, reviewer, doc, { decision: 'approve', rev });
      return { id, outcome: 'approved', ...(outcome.household ? { householdCode: outcome.household.code } : {}) };
    } catch (error) {
      if (error instanceof AppError)
        return { id, outcome: error.statusCode === 409 ? 'skipped' : 'failed', message: error.message };
      throw error;
    }
  });
  return { results };
}

import type { DecisionRequest, Submission, User } from '@kusanya/schemas';
import { AppError } from '../../errors.js';

type Decision = DecisionRequest['decision'];

/** The status each decision gives a record. */
export const STATUS_OF: Record<Decision, Submission['status']> = {
  approve: 'approved',
  reject: 'rejected',
  return: 'returned',
};

/**
 * The review state machine (DESIGN.md §4), pure: whether a decision on this master state is a no-op (the same
 * decision was already taken), or may be taken. Refuses a decision on a revision the reviewer did not see (409
 * `conflict` with the current state), on a record that needs the enumerator's correction, or on one that is not
 * waiting for review.
 */
export function reviewStep(
  master: Submission,
  input: Pick<DecisionRequest, 'decision' | 'rev'>,
): 'unchanged' | 'decide' {
  if (master.status === STATUS_OF[input.decision] && master.review?.decision === input.decision) return 'unchanged';
  const current = [{ status: master.status, rev: master.rev, review: master.review }];
  if (master.rev !== input.rev) {
    throw new AppError(
      'conflict',
      `This record changed since you opened it (now ${master.status}, revision ${master.rev}). Reload it and decide again.`,
      current,
    );
  }
  if (master.status === 'needs_correction') {
    throw new AppError(
      'not-approvable',
      `This record needs correction by the enumerator first: ${master.errors.map((e) => e.message).join('; ')}`,
      current,
    );
  }
  if (master.status !== 'pending_review') {
    throw new AppError(
      'conflict',
      `This record is ${master.status}; only records waiting for review can be decided.`,
      current,
    );
  }
  return 'decide';
}

/** The record's state after a decision: status, the review the device shows, the next revision. */
export function decidedState(
  master: Submission,
  input: Pick<DecisionRequest, 'decision' | 'reason' | 'comment'>,
  reviewer: Pick<User, 'username'>,
  at: Date,
): Submission {
  const review: NonNullable<Submission['review']> = {
    by: reviewer.username,
    at: at.toISOString(),
    decision: input.decision,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.comment?.trim() ? { comment: input.comment.trim() } : {}),
  };
  return { ...master, status: STATUS_OF[input.decision], review, rev: master.rev + 1, updatedAt: at.getTime() };
}

import type { Submission, User } from '@kusanya/schemas';
import { REJECT_REASONS } from '@kusanya/shared/review/reasons';
import type { Db } from '../../db/database.js';
import { HOUSEHOLD_FORM_ID } from '../../domain/registry/household-answers.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type { RegistryRepository } from '../../repositories/registry.js';
import type { ReviewRepository } from '../../repositories/review.js';
import type { SubmissionsRepository } from '../../repositories/submissions.js';
import type { CompiledForms } from '../compiled-forms.js';
import { applyHouseholdSubmission, type AppliedHousehold } from '../registry/apply-household.js';

export type Decision = 'approve' | 'reject' | 'return';

export interface DecisionInput {
  decision: Decision;
  /** The submission revision the reviewer saw. */
  rev: number;
  registryVersion?: number | undefined;
  reason?: string | undefined;
  comment?: string | undefined;
}

export interface DecisionOutcome {
  submission: Submission;
  household: AppliedHousehold | null;
  /** True when the same decision had already been taken (nothing changed). */
  unchanged: boolean;
}

export interface ReviewDeps {
  db: Db;
  submissions: SubmissionsRepository;
  review: ReviewRepository;
  registry: RegistryRepository;
  forms: CompiledForms;
  locations: () => LocationTree;
  /** How many media of a record have not arrived yet (a record is approved only with all its media). */
  mediaMissing?: (submissionId: string) => number;
}

const STATUS_OF: Record<Decision, Submission['status']> = {
  approve: 'approved',
  reject: 'rejected',
  return: 'returned',
};

/** Whether a reviewer may decide on records of this colline (their communes). */
export function inReviewScope(tree: LocationTree, reviewer: Pick<User, 'areas'>, area: string): boolean {
  return tree.isWithin(area, reviewer.areas);
}

function checkInput(input: DecisionInput): void {
  if (input.decision === 'reject') {
    if (!input.reason || !(REJECT_REASONS as readonly string[]).includes(input.reason)) {
      throw new AppError('validation-failed', 'Choose a reason to reject this record.', [
        { path: 'reason', message: `one of ${REJECT_REASONS.join(', ')}` },
      ]);
    }
  }
  if (input.decision === 'return' && !input.comment?.trim()) {
    throw new AppError('validation-failed', 'Write a comment telling the enumerator what to correct.', [
      { path: 'comment', message: 'required' },
    ]);
  }
}

/**
 * A supervisor's decision on one record (DESIGN.md §4), in one transaction: checks scope and the revision
 * the reviewer saw (two reviewers at once: the second gets 409 and the current state), reconciles approved
 * household surveys into the registry, and writes the decision into the submission so the device pulls it.
 * Taking the same decision twice is a no-op.
 */
export function decide(deps: ReviewDeps, reviewer: User, submissionId: string, input: DecisionInput): DecisionOutcome {
  checkInput(input);
  return deps.db
    .transaction(() => decideOn(deps, reviewer, deps.submissions.getMaster(submissionId), input))
    .immediate();
}

/** The decision on a record already read in the caller's transaction (bulk approval reads it once). */
export function decideOn(
  deps: ReviewDeps,
  reviewer: User,
  master: Submission | null,
  input: DecisionInput,
): DecisionOutcome {
  checkInput(input);
  const run = deps.db.transaction((): DecisionOutcome => {
    if (!master || master._deleted) throw new AppError('not-found', 'No such record.');
    if (!inReviewScope(deps.locations(), reviewer, master.meta.area)) {
      throw new AppError('out-of-scope', `Record of colline ${master.meta.area} is outside your areas.`);
    }
    if (master.status === STATUS_OF[input.decision] && master.review?.decision === input.decision) {
      return { submission: master, household: null, unchanged: true };
    }
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
    const at = new Date();
    let household: AppliedHousehold | null = null;
    if (input.decision === 'approve') {
      const missing = deps.mediaMissing?.(master.id) ?? 0;
      if (missing > 0)
        throw new AppError(
          'media-missing',
          `${missing} photo(s) or file(s) of this record have not arrived from the tablet yet; approve it once they have.`,
          [{ missing }],
        );
      const open = deps.review.openCandidateCount(master.id);
      if (open > 0)
        throw new AppError('not-approvable', `Decide first on the ${open} possible duplicate(s) of this record.`);
      if (master.formId === HOUSEHOLD_FORM_ID) {
        const form = deps.forms.get(master.formId, master.formVersion);
        if (!form) throw new AppError('not-approvable', `Form version ${master.formVersion} is not published.`);
        household = applyHouseholdSubmission(deps, {
          submission: master,
          stored: form.stored,
          approver: reviewer,
          registryVersion: input.registryVersion,
          at,
        });
      }
    }
    const review: NonNullable<Submission['review']> = {
      by: reviewer.username,
      at: at.toISOString(),
      decision: input.decision,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.comment?.trim() ? { comment: input.comment.trim() } : {}),
    };
    const next: Submission = {
      ...master,
      status: STATUS_OF[input.decision],
      review,
      rev: master.rev + 1,
      updatedAt: at.getTime(),
    };
    deps.submissions.insertVersion({
      submissionId: next.id,
      rev: next.rev,
      source: 'server',
      accepted: true,
      // Server versions are never compared with device content: their revision identifies them.
      contentHash: `server-rev-${next.rev}`,
      userId: reviewer.id,
      deviceId: null,
      receivedAt: at.toISOString(),
      doc: next,
    });
    deps.submissions.writeMaster(next, at.toISOString());
    deps.review.insertReview({
      submissionId: next.id,
      submissionRev: master.rev,
      decision: input.decision,
      reason: input.reason ?? null,
      comment: review.comment ?? null,
      reviewerId: reviewer.id,
      registryVersion: input.registryVersion ?? null,
      at: at.toISOString(),
    });
    deps.review.clearPending(next.id);
    return { submission: next, household, unchanged: false };
  });
  return run();
}

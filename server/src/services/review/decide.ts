import type { Submission, User } from '@kusanya/schemas';
import { REJECT_REASONS } from '@kusanya/shared/review/reasons';
import type { Db } from '../../db/database.js';
import { HOUSEHOLD_FORM_ID } from '../../domain/registry/household-answers.js';
import { maySeeSubmission, type SubmissionAccess } from '../../domain/read-policy.js';
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

/**
 * The read policy on one record a reviewer asks for: 403 for a record outside the reviewer's areas; 404 for one
 * inside them that the reviewer may not read (a SENSITIVE grievance, a record kept for its author), so that its
 * existence is not told.
 */
function checkAccess(tree: LocationTree, reviewer: User, access: SubmissionAccess | null): void {
  if (!access) throw new AppError('not-found', 'No such record.');
  if (!inReviewScope(tree, reviewer, access.area)) {
    throw new AppError('out-of-scope', `Record of colline ${access.area} is outside your areas.`);
  }
  if (!maySeeSubmission(tree, reviewer, access)) throw new AppError('not-found', 'No such record.');
}

/** A record the reviewer may read (see checkAccess). */
export function readableRecord(
  deps: { submissions: SubmissionsRepository; locations: () => LocationTree },
  reviewer: User,
  id: string,
): Submission {
  checkAccess(deps.locations(), reviewer, deps.submissions.access(id));
  const doc = deps.submissions.getMaster(id);
  if (!doc) throw new AppError('not-found', 'No such record.');
  return doc;
}

/**
 * A revisit may change only a household of its own colline, and one within the approver's areas (DESIGN.md §3
 * rule 6): anything else is refused at approval, whatever intake said at push time.
 */
function checkSubject(deps: ReviewDeps, reviewer: User, master: Submission): void {
  const subject = master.meta.subject;
  if (!subject || master.formId !== HOUSEHOLD_FORM_ID) return;
  const household = deps.registry.getHousehold(subject.householdId);
  if (!household) return; // applyHouseholdSubmission refuses a visit of a household not in the registry
  const tree = deps.locations();
  const place = { householdArea: household.area, householdAreaName: tree.name(household.area) };
  if (household.area !== master.meta.area) {
    throw new AppError(
      'not-approvable',
      `This visit is about household ${household.code}, which lives in ${place.householdAreaName}, not in ` +
        `${tree.name(master.meta.area)} where the visit was recorded: a visit may only change a household of its own ` +
        'colline. Reject it, or return it to the enumerator.',
      [
        {
          code: 'subject-outside-area',
          householdId: household.id,
          householdCode: household.code,
          ...place,
          recordArea: master.meta.area,
          recordAreaName: tree.name(master.meta.area),
        },
      ],
    );
  }
  if (!inReviewScope(tree, reviewer, household.area)) {
    throw new AppError(
      'out-of-scope',
      `Household ${household.code} lives in ${place.householdAreaName}, outside your areas: you cannot approve a change to it.`,
      [{ householdId: household.id, householdCode: household.code, ...place }],
    );
  }
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
    checkAccess(deps.locations(), reviewer, deps.submissions.access(master.id));
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
        checkSubject(deps, reviewer, master);
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

import type { DecisionRequest, DecisionResponse, Submission, User } from '@kusanya/schemas';
import { decisionProblems } from '@kusanya/shared/review/decision';
import type { Db } from '../../db/database.js';
import { decidedState, reviewStep } from '../../domain/review/decision.js';
import { HOUSEHOLD_FORM_ID } from '../../domain/registry/household-answers.js';
import { maySeeSubmission, type SubmissionAccess } from '../../domain/read-policy.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type { RegistryRepository } from '../../repositories/registry.js';
import type { ReviewRepository } from '../../repositories/review.js';
import type { SubmissionsRepository } from '../../repositories/submissions.js';
import type { CompiledForms } from '../compiled-forms.js';
import { applyHouseholdSubmission } from '../registry/apply-household.js';

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

function checkInput(input: DecisionRequest): void {
  const problems = decisionProblems(input);
  if (problems.length === 0) return;
  const message =
    input.decision === 'reject'
      ? 'Choose a reason to reject this record.'
      : 'Write a comment telling the enumerator what to correct.';
  throw new AppError('validation-failed', message, problems);
}

/**
 * A supervisor's decision on one record (DESIGN.md §4), in one transaction: checks scope and the revision
 * the reviewer saw (two reviewers at once: the second gets 409 and the current state), reconciles approved
 * household surveys into the registry, and writes the decision into the submission so the device pulls it.
 * Taking the same decision twice is a no-op.
 */
export function decide(
  deps: ReviewDeps,
  reviewer: User,
  submissionId: string,
  input: DecisionRequest,
): DecisionResponse {
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
  input: DecisionRequest,
): DecisionResponse {
  checkInput(input);
  const run = deps.db.transaction((): DecisionResponse => {
    if (!master || master._deleted) throw new AppError('not-found', 'No such record.');
    checkAccess(deps.locations(), reviewer, deps.submissions.access(master.id));
    if (reviewStep(master, input) === 'unchanged') return { submission: master, household: null, unchanged: true };
    const at = new Date();
    let household: DecisionResponse['household'] = null;
    if (input.decision === 'approve') {
      const missing = deps.mediaMissing?.(master.id) ?? 0;
      if (missing > 0)
        throw new AppError(
          'media-missing',
          `${missing === 1 ? 'A photo or file of this record has' : `${missing} photos or files of this record have`} not arrived from the tablet yet; approve it once they have.`,
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
    const next = decidedState(master, input, reviewer, at);
    deps.submissions.writeServerVersion(next, { at: at.toISOString(), userId: reviewer.id });
    deps.review.insertReview({
      submissionId: next.id,
      submissionRev: master.rev,
      decision: input.decision,
      reason: input.reason ?? null,
      comment: next.review?.comment ?? null,
      reviewerId: reviewer.id,
      registryVersion: input.registryVersion ?? null,
      at: at.toISOString(),
    });
    deps.review.clearPending(next.id);
    return { submission: next, household, unchanged: false };
  });
  return run();
}

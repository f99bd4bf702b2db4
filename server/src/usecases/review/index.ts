import type { DecisionRequest, User } from '@kusanya/schemas';
import type { Db } from '../../db/database.js';
import type { LocationTree } from '../../domain/scope.js';
import type { HouseholdPullRepository } from '../../repositories/household-pull.js';
import type { RegistryRepository } from '../../repositories/registry.js';
import type { ReviewRepository } from '../../repositories/review.js';
import type { SessionsRepository } from '../../repositories/sessions.js';
import type { SubmissionsRepository } from '../../repositories/submissions.js';
import type { UsersRepository } from '../../repositories/users.js';
import type { CompiledForms } from '../compiled-forms.js';
import { bulkApprove } from './bulk-approve.js';
import { decideCandidate } from './candidates.js';
import { decide } from './decide.js';
import { reviewQueue, submissionReview, teamView } from './read.js';

/** What the review use cases need: the repositories they read and write, the forms and the location tree. */
export interface ReviewUseCaseDeps {
  db: Db;
  submissions: SubmissionsRepository;
  review: ReviewRepository;
  registry: RegistryRepository;
  households: HouseholdPullRepository;
  users: UsersRepository;
  sessions: SessionsRepository;
  forms: CompiledForms;
  locations: () => LocationTree;
  /** How many media of a record have not arrived yet (a record is approved only with all its media). */
  mediaMissing: (submissionId: string) => number;
}

export type ReviewUseCases = ReturnType<typeof reviewUseCases>;

/**
 * The supervisor's review (DESIGN.md §4) as the routes call it: each use case takes the caller and the request's
 * input; the dependencies are bound here once. The review routes receive this and nothing else.
 */
export function reviewUseCases(deps: ReviewUseCaseDeps) {
  return {
    queue: (reviewer: User, query: Parameters<typeof reviewQueue>[2]) => reviewQueue(deps, reviewer, query),
    record: (reviewer: User, id: string) => submissionReview(deps, reviewer, id),
    decide: (reviewer: User, id: string, input: DecisionRequest) => decide(deps, reviewer, id, input),
    decideCandidate: (reviewer: User, id: number, decision: Parameters<typeof decideCandidate>[3]) =>
      decideCandidate(deps, reviewer, id, decision),
    bulkApprove: (reviewer: User, items: Parameters<typeof bulkApprove>[2]) => bulkApprove(deps, reviewer, items),
    team: (reviewer: User) => teamView(deps, reviewer),
  };
}

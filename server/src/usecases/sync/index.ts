import type { PullQuery, SubmissionPushRow, User } from '@kusanya/schemas';
import { PULL_DEFAULT_LIMIT, PULL_MAX_BYTES } from '@kusanya/shared/sync/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import { householdReads } from '../../domain/read-policy.js';
import type { LocationTree } from '../../domain/scope.js';
import type { FormsRepository } from '../../repositories/forms.js';
import type { HouseholdPullRepository } from '../../repositories/household-pull.js';
import type { SubmissionsRepository } from '../../repositories/submissions.js';
import { preparePush, type IntakeWorkers } from './intake-workers.js';
import { pushSubmissions, type PreparedRow, type PushCaller, type StorageQuota } from './push-submissions.js';
import type { SubmissionProcessor } from './submission-processor.js';

/** What the sync use cases need: the tables devices pull from, the push's writer and the user's storage quota. */
export interface SyncUseCaseDeps {
  db: Db;
  submissions: SubmissionsRepository;
  forms: FormsRepository;
  households: HouseholdPullRepository;
  process: SubmissionProcessor;
  locations: () => LocationTree;
  intakeWorkers: IntakeWorkers | null;
  quota: StorageQuota;
}

/** A pull page: the documents, the checkpoint after them, and how many changes remain after it. */
function page<T>(seq: number, rows: { seq: number; doc: T }[], remainingAfter: (seq: number) => number) {
  const checkpoint = { seq: rows.at(-1)?.seq ?? seq };
  return { documents: rows.map((r) => r.doc), checkpoint, remaining: remainingAfter(checkpoint.seq) };
}

export type SyncUseCases = ReturnType<typeof syncUseCases>;

/** The sync protocol (DESIGN.md §3) as the routes call it: pulls of the three collections and the push. */
export function syncUseCases(deps: SyncUseCaseDeps) {
  return {
    /** The caller's own submissions changed after `seq`. */
    pullSubmissions: (user: User, { seq = 0, limit = PULL_DEFAULT_LIMIT }: PullQuery) =>
      page(seq, deps.submissions.pullOwn(user.id, seq, limit, PULL_MAX_BYTES), (after) =>
        deps.submissions.countOwnAfter(user.id, after),
      ),
    /** Form versions published or retired after `seq`. */
    pullForms: ({ seq = 0, limit = PULL_DEFAULT_LIMIT }: PullQuery) =>
      page(seq, deps.forms.pullSince(seq, limit, PULL_MAX_BYTES), (after) => deps.forms.countAfter(after)),
    /** Registry households the caller may read, changed after `seq`. */
    pullHouseholds: (user: User, { seq = 0, limit = PULL_DEFAULT_LIMIT }: PullQuery) => {
      const scope = householdReads(deps.locations(), user);
      return page(seq, deps.households.pull(scope, seq, limit, PULL_MAX_BYTES), (after) =>
        deps.households.countAfter(scope, after),
      );
    },
    /** The push's rows prepared before its transaction (on the intake workers when there are some). */
    preparePush: (rows: SubmissionPushRow[], bodyText: string | null, receivedAt: Date, log: FastifyBaseLogger) =>
      preparePush(deps.intakeWorkers, rows, bodyText, receivedAt, log),
    /** Writes a push in one transaction (the caller's audit entry joins it). */
    push: (caller: PushCaller, rows: SubmissionPushRow[], options: { receivedAt: Date; prepared: PreparedRow[] }) =>
      pushSubmissions(deps, caller, rows, { ...options, quota: deps.quota }),
  };
}

import type { Submission } from '@kusanya/schemas';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { SubmissionsRepository } from '../../repositories/submissions.js';

export interface ServerWriteContext {
  db: Db;
  submissions: SubmissionsRepository;
}

/** The server-owned fields a server-side change may set (a review decision, a validation result). */
export type ServerPatch = Partial<Pick<Submission, 'status' | 'review' | 'errors'>>;

/**
 * Writes a server-side change to a submission's master state (DESIGN.md §3): one transaction that bumps `rev`,
 * keeps the new state as a 'server' version and gives the record the next sequence number, so the device
 * that owns it pulls the change. Only the integration tests call it today (to stand for a server-side change);
 * it writes through the same writeServerVersion as review decisions and intake.
 */
export function writeServerState(
  ctx: ServerWriteContext,
  id: string,
  patch: ServerPatch,
  by: string | null = null,
): Submission {
  return ctx.db
    .transaction((): Submission => {
      const master = ctx.submissions.getMaster(id);
      if (!master) throw new AppError('not-found', `No submission ${id}.`);
      const next: Submission = { ...master, ...patch, rev: master.rev + 1, updatedAt: Date.now() };
      ctx.submissions.writeServerVersion(next, { at: new Date().toISOString(), userId: by });
      return next;
    })
    .immediate();
}

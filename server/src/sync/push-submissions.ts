import type { Submission, SubmissionPushRow, User } from '@kusanya/schemas';
import { canonicalJson } from '@kusanya/shared/sync/protocol';
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { decidePush } from '../domain/push-decision.js';
import { mayCaptureIn, type LocationTree } from '../domain/scope.js';
import { AppError } from '../errors.js';
import type { SubmissionsRepository } from '../repositories/submissions.js';
import type { SubmissionProcessor } from './submission-processor.js';

export interface PushContext {
  db: Db;
  submissions: SubmissionsRepository;
  process: SubmissionProcessor;
  locations: () => LocationTree;
}

export interface PushCaller {
  user: User;
  deviceId: string | null;
}

export interface PushOutcome {
  /** Master states to answer (conflicts, and rows the server changed). */
  answer: Submission[];
  written: number;
  replayed: number;
  conflicts: number;
}

const contentHash = (doc: Submission) => createHash('sha256').update(canonicalJson(doc)).digest('hex');

/** Rule 6: every row must be the caller's own and captured in one of the caller's collines. */
function checkScope(rows: SubmissionPushRow[], caller: PushCaller, tree: LocationTree): void {
  const problems = rows.flatMap((row, index) => {
    const { id, meta } = row.newDocumentState;
    if (meta.enumeratorId !== caller.user.id) return [{ index, id, reason: 'belongs to another user' }];
    if (!mayCaptureIn(tree, caller.user, meta.area)) {
      return [{ index, id, reason: `colline ${meta.area} is not assigned to you` }];
    }
    return [];
  });
  if (problems.length > 0) {
    throw new AppError('out-of-scope', 'Some records are outside your user or assigned areas; nothing was stored.', problems);
  }
}

/**
 * Applies one push batch in one transaction (rules 1–6): either the whole batch is committed
 * (synchronous=FULL makes the commit durable before the 200), or nothing is.
 */
export function pushSubmissions(ctx: PushContext, caller: PushCaller, rows: SubmissionPushRow[]): PushOutcome {
  checkScope(rows, caller, ctx.locations());
  const apply = ctx.db.transaction((): PushOutcome => {
    const outcome: PushOutcome = { answer: [], written: 0, replayed: 0, conflicts: 0 };
    const at = new Date().toISOString();
    const version = (doc: Submission, source: 'device' | 'server', accepted: boolean, hash = contentHash(doc)) =>
      ctx.submissions.insertVersion({
        submissionId: doc.id,
        rev: doc.rev,
        source,
        accepted,
        contentHash: hash,
        userId: caller.user.id,
        deviceId: caller.deviceId,
        receivedAt: at,
        doc,
      });

    rows.forEach((row, index) => {
      const sent = row.newDocumentState;
      const hash = contentHash(sent);
      const master = ctx.submissions.getMaster(sent.id);
      if (master && master.meta.enumeratorId !== caller.user.id) {
        throw new AppError('out-of-scope', 'A record id belongs to another user; nothing was stored.', [
          { index, id: sent.id, reason: 'belongs to another user' },
        ]);
      }
      const decision = decidePush(row, { master, seen: ctx.submissions.seenContent(sent.id, hash) });
      switch (decision.kind) {
        case 'refuse':
          throw new AppError('server-owned-field', 'A new record may not set status, review or errors; nothing was stored.', [
            { index, id: sent.id, reason: decision.reason },
          ]);
        case 'replay':
          outcome.replayed += 1;
          if (decision.answer) outcome.answer.push(decision.answer);
          return;
        case 'conflict':
          outcome.conflicts += 1;
          version(sent, 'device', false, hash);
          outcome.answer.push(decision.answer);
          return;
        case 'write': {
          outcome.written += 1;
          version(sent, 'device', true, hash);
          const received = decision.doc;
          const processed = ctx.process(received, new Date(at));
          const next: Submission = { ...received, status: processed.status, errors: processed.errors, review: processed.review ?? received.review };
          const changed = canonicalJson(next) !== canonicalJson(received);
          const stored: Submission = changed ? { ...next, rev: received.rev + 1, updatedAt: Date.now() } : received;
          if (changed) version(stored, 'server', true);
          ctx.submissions.writeMaster(stored, at);
          if (canonicalJson(stored) !== canonicalJson(sent)) outcome.answer.push(stored);
        }
      }
    });
    return outcome;
  });
  return apply.immediate();
}

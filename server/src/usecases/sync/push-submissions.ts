import type { Submission, SubmissionPushRow, User } from '@kusanya/schemas';
import { canonicalJson } from '@kusanya/shared/sync/protocol';
import type { Db } from '../../db/database.js';
import { decidePush } from '../../domain/push-decision.js';
import { serialise, type Serialised } from '../../domain/submission-content.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type { SubmissionsRepository } from '../../repositories/submissions.js';
import type { IntakeAnalysis } from '../intake-analysis.js';
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

/** What happened to one pushed row. */
export interface PushRowResult {
  id: string;
  /** written: stored as a new version; replayed: this content was already received; conflict: not written. */
  result: 'written' | 'replayed' | 'conflict';
  /** The server's state of the record after the push. */
  status: Submission['status'];
  reason?: string;
}

export interface PushOutcome {
  /** Master states to answer (conflicts, and rows the server changed). */
  answer: Submission[];
  written: number;
  replayed: number;
  conflicts: number;
  /** One entry per row, in the order pushed. */
  results: PushRowResult[];
}

/** What can be worked out for each pushed row before the transaction (no database needed). */
export interface PreparedRow {
  content: Serialised;
  /** Intake's database-free part (sync/intake-workers.ts), when it was done beforehand. */
  analysis?: IntakeAnalysis | undefined;
}

export const prepareRows = (rows: SubmissionPushRow[]): PreparedRow[] =>
  rows.map((row) => ({ content: serialise(row.newDocumentState) }));

/** How much a user's pushes may store (issue 12 finding 7): per day (UTC) and in all, in bytes of versions. */
export interface StorageQuota {
  dayBytes: number;
  totalBytes: number;
}

export interface PushOptions {
  /** When the batch was received (default: now); precomputed analyses assume this time. */
  receivedAt?: Date;
  /** From prepareRows, one per row, in order. */
  prepared?: PreparedRow[];
  /** The caller's storage quota (device pushes); none for administrators' imports. */
  quota?: StorageQuota;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.ceil(bytes / MB)} MB`;

/** Counts what a push stored against the user's quota; refuses the whole batch (rolled back) past it. */
function chargeQuota(ctx: PushContext, user: User, bytes: number, at: Date, quota: StorageQuota | undefined): void {
  if (bytes === 0) return;
  const day = at.toISOString().slice(0, 10);
  ctx.submissions.addUsage(user.id, day, bytes);
  if (!quota) return;
  const used = ctx.submissions.usage(user.id, day);
  if (used.total > quota.totalBytes) {
    throw new AppError(
      'storage-quota-exceeded',
      `Your records would take ${mb(used.total)} on the server, more than the ${mb(quota.totalBytes)} one account may keep. ` +
        'Nothing of this sync was stored; the records wait on the tablet. Ask your administrator.',
      [{ usedBytes: used.total - bytes, quotaBytes: quota.totalBytes, batchBytes: bytes }],
    );
  }
  if (used.day > quota.dayBytes) {
    const tomorrow = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
    throw new AppError(
      'quota-exceeded',
      `You sent ${mb(used.day - bytes)} of records today; this sync would pass the ${mb(quota.dayBytes)} one account may send in a day. ` +
        'Nothing of it was stored; the records wait on the tablet and go tomorrow (or ask your administrator).',
      [
        {
          usedBytes: used.day - bytes,
          quotaBytes: quota.dayBytes,
          batchBytes: bytes,
          retryAfterSeconds: Math.ceil((tomorrow - at.getTime()) / 1000),
        },
      ],
    );
  }
}

/**
 * Rule 6: the one scope problem that refuses a row — it claims another user. (A row of the caller's for a colline
 * outside the caller's areas is a field mistake, refused by itself: intake keeps it for its author only.)
 */
export function scopeProblem(doc: Submission, caller: PushCaller): string | null {
  return doc.meta.enumeratorId === caller.user.id ? null : 'belongs to another user';
}

/** Rule 6: a row pushed as another user makes the whole request a 403 with nothing stored. */
function checkAuthors(rows: SubmissionPushRow[], caller: PushCaller): void {
  const problems = rows.flatMap((row, index) => {
    const reason = scopeProblem(row.newDocumentState, caller);
    return reason ? [{ index, id: row.newDocumentState.id, reason }] : [];
  });
  if (problems.length > 0) {
    throw new AppError('out-of-scope', 'Some records belong to another user; nothing was stored.', problems);
  }
}

/**
 * Applies one push batch in one transaction (rules 1–6): either the whole batch is committed
 * (synchronous=FULL makes the commit durable before the 200), or nothing is.
 */
export function pushSubmissions(
  ctx: PushContext,
  caller: PushCaller,
  rows: SubmissionPushRow[],
  options: PushOptions = {},
): PushOutcome {
  checkAuthors(rows, caller);
  const receivedAt = options.receivedAt ?? new Date();
  const prepared = options.prepared ?? prepareRows(rows);
  const apply = ctx.db.transaction((): PushOutcome => {
    const outcome: PushOutcome = { answer: [], written: 0, replayed: 0, conflicts: 0, results: [] };
    const at = receivedAt.toISOString();
    let storedBytes = 0;
    /** Keeps what the device sent (accepted or refused), counted against its user's quota. */
    const deviceVersion = (doc: Submission, accepted: boolean, { json, hash }: Serialised) => {
      storedBytes += Buffer.byteLength(json);
      return ctx.submissions.insertVersion(
        {
          submissionId: doc.id,
          rev: doc.rev,
          source: 'device',
          accepted,
          contentHash: hash,
          userId: caller.user.id,
          deviceId: caller.deviceId,
          receivedAt: at,
          doc,
        },
        json,
      );
    };

    rows.forEach((row, index) => {
      const sent = row.newDocumentState;
      const { content, analysis } = prepared[index]!;
      const master = ctx.submissions.getMaster(sent.id);
      if (master && master.meta.enumeratorId !== caller.user.id) {
        throw new AppError('out-of-scope', 'A record id belongs to another user; nothing was stored.', [
          { index, id: sent.id, reason: 'belongs to another user' },
        ]);
      }
      const decision = decidePush(row, { master, seen: ctx.submissions.seenContent(sent.id, content.hash) });
      switch (decision.kind) {
        case 'refuse':
          throw new AppError(
            'server-owned-field',
            'A new record may not set status, review or errors; nothing was stored.',
            [{ index, id: sent.id, reason: decision.reason }],
          );
        case 'replay':
          outcome.replayed += 1;
          if (decision.answer) outcome.answer.push(decision.answer);
          outcome.results.push({ id: sent.id, result: 'replayed', status: (decision.answer ?? sent).status });
          return;
        case 'conflict':
          outcome.conflicts += 1;
          if (!decision.alreadyKept) deviceVersion(sent, false, content);
          outcome.answer.push(decision.answer);
          outcome.results.push({
            id: sent.id,
            result: 'conflict',
            status: decision.answer.status,
            reason: decision.reason,
          });
          return;
        case 'write': {
          outcome.written += 1;
          deviceVersion(sent, true, content);
          const received = decision.doc;
          // The analysis was made of what the device sent; the written document carries the same answers.
          const processed = ctx.process(
            received,
            receivedAt,
            caller.user,
            received.data === sent.data && received.meta === sent.meta ? analysis : undefined,
          );
          const next: Submission = {
            ...received,
            status: processed.status,
            errors: processed.errors,
            review: processed.review ?? received.review,
          };
          const changed =
            processed.status !== received.status ||
            canonicalJson(processed.errors) !== canonicalJson(received.errors) ||
            next.review !== received.review;
          const stored: Submission = changed ? { ...next, rev: received.rev + 1, updatedAt: Date.now() } : received;
          // The device already has what it sent; it needs the stored state only if the server changed it.
          const differs = changed || stored.rev !== sent.rev;
          const storedContent = differs ? serialise(stored) : content;
          const authorOnly = processed.authorOnly === true;
          if (changed) {
            ctx.submissions.writeServerVersion(stored, {
              at,
              userId: caller.user.id,
              deviceId: caller.deviceId,
              content: storedContent,
              authorOnly,
            });
          } else {
            ctx.submissions.writeMaster(stored, at, storedContent.json, { authorOnly });
          }
          if (differs) outcome.answer.push(stored);
          outcome.results.push({ id: sent.id, result: 'written', status: stored.status });
        }
      }
    });
    chargeQuota(ctx, caller.user, storedBytes, receivedAt, options.quota);
    return outcome;
  });
  return apply.immediate();
}

import type { Submission, SubmissionPushRow } from '@kusanya/schemas';
import { canonicalJson, serverOwnedViolation } from '@kusanya/shared/sync/protocol';

/**
 * What to do with one pushed row (DESIGN.md §3 rules 1, 3 and 4), given the server's state.
 * Pure: the caller reads the state and carries out the decision in the batch transaction.
 */
export type PushDecision =
  /** Already received (a replayed or retried push): store nothing; answer the master if it moved on. */
  | { kind: 'replay'; answer: Submission | null }
  /**
   * Not written; the master is answered so the device's conflict handler can merge. The refused version is
   * kept, unless it was already (`alreadyKept`: the same push replayed).
   */
  | { kind: 'conflict'; answer: Submission; reason: string; alreadyKept: boolean }
  /** A new record that sets server-owned fields: the whole batch is refused. */
  | { kind: 'refuse'; reason: string }
  /** Write it with this revision. */
  | { kind: 'write'; doc: Submission };

export interface PushState {
  master: Submission | null;
  /** undefined: this exact content was never received; true/false: it was, and was accepted or not. */
  seen: boolean | undefined;
}

export function decidePush(row: SubmissionPushRow, { master, seen }: PushState): PushDecision {
  const next = row.newDocumentState;
  if (seen !== undefined) {
    if (!master) return { kind: 'refuse', reason: 'received before but missing: refusing to guess' };
    const moved = canonicalJson(master) !== canonicalJson(next);
    if (seen) return { kind: 'replay', answer: moved ? master : null };
    return { kind: 'conflict', answer: master, reason: 'this version was refused before', alreadyKept: true };
  }
  const violation = serverOwnedViolation(master, next);
  if (!master) {
    // A lost server state (e.g. restored from an older backup) is rebuilt from the device's copy.
    return violation
      ? { kind: 'refuse', reason: violation }
      : { kind: 'write', doc: { ...next, rev: Math.max(1, next.rev) } };
  }
  const assumedRev = row.assumedMasterState?.rev;
  if (assumedRev !== master.rev) {
    return {
      kind: 'conflict',
      answer: master,
      reason: `assumed rev ${assumedRev ?? 'none'}, server has rev ${master.rev}`,
      alreadyKept: false,
    };
  }
  if (violation) return { kind: 'conflict', answer: master, reason: violation, alreadyKept: false };
  return { kind: 'write', doc: { ...next, rev: master.rev + 1 } };
}

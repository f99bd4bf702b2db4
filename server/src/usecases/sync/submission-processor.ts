import type { FieldError, Submission, User } from '@kusanya/schemas';
import type { IntakeAnalysis } from '../intake-analysis.js';

/** What the server makes of a received submission: its next status, the problems found, a review if decided. */
export interface Processed {
  status: Submission['status'];
  errors: FieldError[];
  review?: Submission['review'];
  /** Kept for its author only (a colline outside the author's areas): outside review and the registry. */
  authorOnly?: boolean;
}

/**
 * Runs inside the push transaction, so whatever it records (candidates, tickets) commits with the batch.
 * `author`: the user who pushed it (its areas decide whether it may enter review at all).
 * `analysis`: the database-free part of intake for this very document and time, when computed beforehand.
 */
export type SubmissionProcessor = (
  doc: Submission,
  receivedAt: Date,
  author: Pick<User, 'areas'>,
  analysis?: IntakeAnalysis,
) => Processed;

/**
 * The processor followed by `then` on the same document, inside the same transaction (e.g. linking the media its
 * answers reference). Every argument reaches the processor unchanged: the intake worker's analysis above all, which
 * the processor otherwise recomputes on the main thread.
 */
export function thenOnEach(process: SubmissionProcessor, then: (doc: Submission) => void): SubmissionProcessor {
  return (...args) => {
    const processed = process(...args);
    then(args[0]);
    return processed;
  };
}

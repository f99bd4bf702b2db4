import type { FieldError, Submission } from '@kusanya/schemas';
import type { IntakeAnalysis } from '../services/intake-analysis.js';

/** What the server makes of a received submission: its next status, the problems found, a review if decided. */
export interface Processed {
  status: Submission['status'];
  errors: FieldError[];
  review?: Submission['review'];
}

/**
 * Runs inside the push transaction, so whatever it records (candidates, tickets) commits with the batch.
 * `analysis`: the database-free part of intake for this very document and time, when computed beforehand.
 */
export type SubmissionProcessor = (doc: Submission, receivedAt: Date, analysis?: IntakeAnalysis) => Processed;

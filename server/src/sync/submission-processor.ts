import type { FieldError, Submission } from '@kusanya/schemas';
import { validateAnswers } from '@kusanya/shared/form/engine';
import type { CompiledForms } from '../services/compiled-forms.js';

/** What the server makes of a received submission: its next status and the problems found. */
export interface Processed {
  status: Submission['status'];
  errors: FieldError[];
}

export type SubmissionProcessor = (doc: Submission) => Processed;

/**
 * Checks a received submission with the same form engine the device used (DESIGN.md §3 rule 5):
 * answers that fail are quarantined as needs_correction with the messages, never refused; the rest
 * wait for review. Messages are in the form's default language (the device re-validates in its own).
 */
export function formCheckingProcessor(forms: CompiledForms): SubmissionProcessor {
  return (doc) => {
    if (doc._deleted) return { status: doc.status, errors: doc.errors };
    const form = forms.get(doc.formId, doc.formVersion);
    if (!form) {
      return {
        status: 'needs_correction',
        errors: [{ path: '', message: `Form "${doc.formId}" version ${doc.formVersion} is not published on the server.` }],
      };
    }
    const definition = form.doc.definition;
    // today() means the day the record was finalised, wherever and whenever the server checks it.
    const { errors } = validateAnswers(form.compiled, doc.data, definition.defaultLanguage, {
      today: doc.meta.finalizedAt.slice(0, 10),
    });
    const areaField = definition.areaField;
    if (areaField && doc.data[areaField] !== undefined && doc.data[areaField] !== doc.meta.area) {
      errors.push({ path: areaField, message: `The colline answered (${String(doc.data[areaField])}) differs from the record's area ${doc.meta.area}.` });
    }
    return errors.length > 0 ? { status: 'needs_correction', errors } : { status: 'pending_review', errors: [] };
  };
}

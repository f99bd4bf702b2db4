import type { FieldError, Submission } from '@kusanya/schemas';
import { validateAnswers } from '@kusanya/shared/form/engine';
import { HOUSEHOLD_FORM_ID, householdKeys, type HouseholdKeys } from '../domain/registry/household-answers.js';
import type { LoadedForm } from './compiled-forms.js';

/**
 * The part of intake that needs no database, only the published form: the form engine's verdict on the
 * answers and, for a household survey, the identities duplicate detection looks up. A pure function of the
 * document, the form version and the time of receipt, so it can run before the push transaction, on a worker
 * thread (sync/intake-workers.ts), with the same result as inline.
 */
export interface IntakeAnalysis {
  /** The form engine's problems with the answers; null when the form version is not published. */
  formErrors: FieldError[] | null;
  /** Household surveys with valid answers: the members' identities. */
  household: HouseholdKeys | null;
}

/** `form`: the document's published form version, or null when it is not published. */
export function analyseSubmission(form: LoadedForm | null, doc: Submission, receivedAt: Date): IntakeAnalysis {
  if (!form) return { formErrors: null, household: null };
  // today() means the day the record was finalised, wherever and whenever the server checks it.
  const { errors } = validateAnswers(form.compiled, doc.data, form.doc.definition.defaultLanguage, {
    today: doc.meta.finalizedAt.slice(0, 10),
  });
  return {
    formErrors: errors,
    household: doc.formId === HOUSEHOLD_FORM_ID ? householdKeys(doc.data, receivedAt) : null,
  };
}

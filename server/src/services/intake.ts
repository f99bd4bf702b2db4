import type { FieldError, Submission } from '@kusanya/schemas';
import { HOUSEHOLD_FORM_ID, type HouseholdKeys } from '../domain/registry/household-answers.js';
import type { LocationTree } from '../domain/scope.js';
import type { GrievancesRepository } from '../repositories/grievances.js';
import type { RegistryRepository } from '../repositories/registry.js';
import type { ReviewRepository } from '../repositories/review.js';
import type { Processed, SubmissionProcessor } from '../sync/submission-processor.js';
import type { CompiledForms, LoadedForm } from './compiled-forms.js';
import { createTicket, GRIEVANCE_FORM_ID } from './grievances/create-ticket.js';
import { analyseSubmission, type IntakeAnalysis } from './intake-analysis.js';
import { recordDuplicateCandidates } from './review/duplicates.js';

export interface IntakeDeps {
  forms: CompiledForms;
  registry: RegistryRepository;
  review: ReviewRepository;
  grievances: GrievancesRepository;
  locations: () => LocationTree;
}

/** Problems that only the server can see: the answered colline, and the registry a revisit refers to. */
function contextProblems(
  deps: IntakeDeps,
  form: LoadedForm,
  doc: Submission,
  keys: HouseholdKeys | null,
): FieldError[] {
  const problems: FieldError[] = [];
  const areaField = form.doc.definition.areaField;
  if (areaField && doc.data[areaField] !== undefined && doc.data[areaField] !== doc.meta.area) {
    problems.push({
      path: areaField,
      message: `The colline answered (${String(doc.data[areaField])}) differs from the record's area ${doc.meta.area}.`,
    });
  }
  const subject = doc.meta.subject;
  if (subject && doc.formId === HOUSEHOLD_FORM_ID) {
    const household = deps.registry.getHousehold(subject.householdId);
    if (!household) {
      problems.push({
        path: '',
        message: `This visit refers to household ${subject.householdId}, which is not in the registry.`,
      });
    } else {
      const members = new Set(deps.registry.activeMembers(household.id).map((m) => m.individualId));
      keys?.members.forEach((m) => {
        if (m.individualId && !members.has(m.individualId)) {
          problems.push({
            path: `members[${m.index}]`,
            message: `Member ${m.individualId} is not a current member of household ${household.code}.`,
          });
        }
      });
    }
  }
  return problems;
}

/**
 * What happens to every submission the server accepts (DESIGN.md §3 rule 5, §4), inside the push
 * transaction: validation with the same form engine the device used (failures are quarantined as
 * needs_correction, never refused); household surveys wait for review with their duplicate candidates;
 * indicator reports wait for review; grievances become tickets at once. The database-free part (validation,
 * identities) may come precomputed (`analysis`, from a worker thread); otherwise it is done here.
 */
export function createIntake(deps: IntakeDeps): SubmissionProcessor {
  return (doc, receivedAt, analysis?: IntakeAnalysis): Processed => {
    if (doc._deleted) {
      deps.review.clearPending(doc.id);
      return { status: doc.status, errors: doc.errors };
    }
    const form = deps.forms.get(doc.formId, doc.formVersion);
    const { formErrors, household } = analysis?.formErrors ? analysis : analyseSubmission(form, doc, receivedAt);
    if (!form || !formErrors) {
      return {
        status: 'needs_correction',
        errors: [
          { path: '', message: `Form "${doc.formId}" version ${doc.formVersion} is not published on the server.` },
        ],
      };
    }
    const errors = [...formErrors, ...contextProblems(deps, form, doc, household)];
    if (errors.length > 0) {
      deps.review.clearPending(doc.id);
      deps.review.replaceOpenCandidates(doc.id, []);
      return { status: 'needs_correction', errors };
    }
    if (doc.formId === GRIEVANCE_FORM_ID) {
      const ticket = createTicket(deps, doc, receivedAt);
      return {
        status: 'approved',
        errors: [],
        review: { by: 'system', at: receivedAt.toISOString(), decision: 'approve', comment: `Ticket ${ticket.code}` },
      };
    }
    if (household) {
      recordDuplicateCandidates(
        deps,
        {
          submissionId: doc.id,
          area: doc.meta.area,
          commune: deps.locations().ancestor(doc.meta.area, 'commune') ?? doc.meta.area,
          householdId: doc.meta.subject?.householdId ?? null,
        },
        household,
      );
    }
    return { status: 'pending_review', errors: [] };
  };
}

import type { FieldError, Submission } from '@kusanya/schemas';
import { HOUSEHOLD_FORM_ID, type HouseholdKeys } from '../domain/registry/household-answers.js';
import { mayCaptureIn, type LocationTree } from '../domain/scope.js';
import type { GrievancesRepository } from '../repositories/grievances.js';
import type { RegistryRepository } from '../repositories/registry.js';
import type { ReviewRepository } from '../repositories/review.js';
import type { Processed, SubmissionProcessor } from './sync/submission-processor.js';
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

/** The message of a record pushed for a colline outside its author's areas (shown on the tablet). */
function outsideAreasMessage(tree: LocationTree, area: string): string {
  return tree.level(area) === 'colline'
    ? `Colline ${area} is not one of your areas: this record stays with you only. Correct its colline, or ask your supervisor to assign it to you.`
    : `${area} is not a colline of your areas: this record stays with you only. Correct its colline.`;
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
    } else if (household.area !== doc.meta.area) {
      // Rule 6: a visit changes only a household of its own colline (never one of another commune).
      problems.push({
        path: 'meta.subject.householdId',
        message: `Household ${household.code} belongs to colline ${household.area}, not to this record's colline ${doc.meta.area}: a visit can only be about a household of its own colline.`,
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
  const withdraw = (id: string) => {
    deps.review.clearPending(id);
    deps.review.replaceOpenCandidates(id, []);
  };
  return (doc, receivedAt, author, analysis?: IntakeAnalysis): Processed => {
    // DESIGN.md §3 rule 6: a record for a colline outside its author's areas is a field mistake. It is refused by
    // itself: kept for its author only, as needs_correction naming the colline, outside review and the registry.
    if (!mayCaptureIn(deps.locations(), author, doc.meta.area)) {
      withdraw(doc.id);
      return {
        status: doc._deleted ? doc.status : 'needs_correction',
        errors: [{ path: 'meta.area', message: outsideAreasMessage(deps.locations(), doc.meta.area) }],
        authorOnly: true,
      };
    }
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
      withdraw(doc.id);
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

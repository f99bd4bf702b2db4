import type { FieldError, Submission } from '@kusanya/schemas';
import { recordProblem } from '@kusanya/shared/sync/record-problems';
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

/** A record pushed for a colline outside its author's areas, named for the tablet (rule 6). */
function outsideAreas(tree: LocationTree, area: string): FieldError {
  const commune = tree.ancestor(area, 'commune');
  return recordProblem('area-not-assigned', 'meta.area', {
    area,
    areaName: tree.name(area),
    commune,
    communeName: commune ? tree.name(commune) : null,
  });
}

/** Problems that only the server can see: the answered colline, and the registry a revisit refers to. */
function contextProblems(
  deps: IntakeDeps,
  form: LoadedForm,
  doc: Submission,
  keys: HouseholdKeys | null,
): FieldError[] {
  const problems: FieldError[] = [];
  const tree = deps.locations();
  const areaField = form.doc.definition.areaField;
  if (areaField && doc.data[areaField] !== undefined && doc.data[areaField] !== doc.meta.area) {
    const answered = String(doc.data[areaField]);
    problems.push(
      recordProblem('area-answer-mismatch', areaField, {
        answered,
        answeredName: tree.name(answered),
        area: doc.meta.area,
        areaName: tree.name(doc.meta.area),
      }),
    );
  }
  const subject = doc.meta.subject;
  if (subject && doc.formId === HOUSEHOLD_FORM_ID) {
    const household = deps.registry.getHousehold(subject.householdId);
    if (!household) {
      problems.push(
        recordProblem('subject-not-in-registry', 'meta.subject.householdId', { householdId: subject.householdId }),
      );
    } else if (household.area !== doc.meta.area) {
      // Rule 6: a visit changes only a household of its own colline (never one of another commune).
      problems.push(
        recordProblem('subject-outside-area', 'meta.subject.householdId', {
          householdId: household.id,
          householdCode: household.code,
          householdArea: household.area,
          householdAreaName: tree.name(household.area),
          recordArea: doc.meta.area,
          recordAreaName: tree.name(doc.meta.area),
        }),
      );
    } else {
      const members = new Set(deps.registry.activeMembers(household.id).map((m) => m.individualId));
      keys?.members.forEach((m) => {
        if (m.individualId && !members.has(m.individualId)) {
          problems.push(
            recordProblem('member-not-current', `members[${m.index}]`, {
              individualId: m.individualId,
              householdCode: household.code,
            }),
          );
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
        errors: [outsideAreas(deps.locations(), doc.meta.area)],
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
        errors: [recordProblem('form-not-published', '', { formId: doc.formId, formVersion: doc.formVersion })],
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

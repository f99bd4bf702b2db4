import type { FieldError } from '@kusanya/schemas';

/**
 * The catalogue of problems the server finds in a pushed record beyond its answers' own rules (DESIGN.md §3 rules 5
 * and 6): the record is kept as `needs_correction` with one FieldError per problem, carrying its `code` and
 * `details` so that a device words it in its own language; `message` is the English wording, for clients that do
 * not know the code. Places are named (`…Name`) as well as coded.
 */
export interface RecordProblemDetails {
  /** The record's colline is not one of its author's areas: kept for its author only. */
  'area-not-assigned': { area: string; areaName: string; commune: string | null; communeName: string | null };
  /** A revisit's household lies in another colline than the record's. */
  'subject-outside-area': {
    householdId: string;
    householdCode: string;
    householdArea: string;
    householdAreaName: string;
    recordArea: string;
    recordAreaName: string;
  };
  /** A revisit's household is not in the registry. */
  'subject-not-in-registry': { householdId: string };
  /** A revisit names a member who is not (or no longer) in the household. */
  'member-not-current': { individualId: string; householdCode: string };
  /** The colline answered in the form differs from the record's area. */
  'area-answer-mismatch': { answered: string; answeredName: string; area: string; areaName: string };
  /** The record's form version is not published on the server. */
  'form-not-published': { formId: string; formVersion: string };
}

export type RecordProblemCode = keyof RecordProblemDetails;

const ENGLISH: { [C in RecordProblemCode]: (d: RecordProblemDetails[C]) => string } = {
  'area-not-assigned': (d) =>
    `${d.areaName}${d.communeName ? ` (commune ${d.communeName})` : ''} is not one of your collines: this record stays ` +
    'with you only and is not sent for review. Choose one of your collines, or ask your supervisor to assign ' +
    `${d.areaName} to you, then send it again.`,
  'subject-outside-area': (d) =>
    `Household ${d.householdCode} lives in ${d.householdAreaName}, not in ${d.recordAreaName} where this visit was ` +
    'recorded: a visit can only be about a household of its own colline.',
  'subject-not-in-registry': (d) => `This visit refers to household ${d.householdId}, which is not in the registry.`,
  'member-not-current': (d) => `Member ${d.individualId} is not a current member of household ${d.householdCode}.`,
  'area-answer-mismatch': (d) =>
    `The colline answered (${d.answeredName}) differs from the record's colline ${d.areaName}.`,
  'form-not-published': (d) => `Form "${d.formId}" version ${d.formVersion} is not published on the server.`,
};

/** One catalogued problem at `path` of the record, with its English message. */
export function recordProblem<C extends RecordProblemCode>(
  code: C,
  path: string,
  details: RecordProblemDetails[C],
): FieldError {
  return { path, code, message: ENGLISH[code](details), details: { ...details } };
}

export const RECORD_PROBLEM_CODES = Object.keys(ENGLISH) as RecordProblemCode[];

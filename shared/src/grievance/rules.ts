import type { FieldError, TicketStatusRequest } from '@kusanya/schemas';

/**
 * Grievance rules of the programme (DESIGN.md §2): categories, which are SENSITIVE (visible only to
 * grievance officers) or SPECIAL, the SLA that sets the due date, and the allowed status transitions.
 * Category codes are those of the shipped grievance form (forms/grievance.xlsx).
 */
export const GRIEVANCE_CATEGORIES = [
  'PAYMENT',
  'PHONE',
  'ACCOUNT',
  'EXCLUSION_ERROR',
  'INCLUSION_ERROR',
  'VIOLENCE_GBV',
  'CORRUPTION',
  'ACCIDENT_NEGLIGENCE',
  'DISCRIMINATION',
  'MENTAL_ILLNESS',
  'INFORMATION',
  'UNCATEGORISED',
] as const;
export type GrievanceCategory = (typeof GRIEVANCE_CATEGORIES)[number];

export const SENSITIVE_CATEGORIES: ReadonlySet<string> = new Set([
  'VIOLENCE_GBV',
  'CORRUPTION',
  'ACCIDENT_NEGLIGENCE',
  'DISCRIMINATION',
  'MENTAL_ILLNESS',
]);
export const SPECIAL_CATEGORIES: ReadonlySet<string> = new Set(['EXCLUSION_ERROR', 'INCLUSION_ERROR']);

/**
 * Days to resolve, by category. DESIGN.md fixes GBV 2; corruption, mental illness, information 3;
 * exclusion/inclusion 4; payment, phone, account 5. Not fixed there (our choice, documented): accident/
 * negligence and discrimination 3 (sensitive, handled fast), uncategorised and non-complaint cases 5.
 */
const SLA_DAYS: Record<GrievanceCategory, number> = {
  VIOLENCE_GBV: 2,
  CORRUPTION: 3,
  MENTAL_ILLNESS: 3,
  INFORMATION: 3,
  ACCIDENT_NEGLIGENCE: 3,
  DISCRIMINATION: 3,
  EXCLUSION_ERROR: 4,
  INCLUSION_ERROR: 4,
  PAYMENT: 5,
  PHONE: 5,
  ACCOUNT: 5,
  UNCATEGORISED: 5,
};
export const DEFAULT_SLA_DAYS = 5;

export function slaDays(category: string | null | undefined): number {
  return category && category in SLA_DAYS ? SLA_DAYS[category as GrievanceCategory] : DEFAULT_SLA_DAYS;
}

/** Due date: received + SLA days (calendar days). */
export function dueDate(receivedAt: Date, category: string | null | undefined): Date {
  return new Date(receivedAt.getTime() + slaDays(category) * 24 * 3600 * 1000);
}

/** The ticket statuses are the schema's (schemas: TicketStatusRequest.to). */
export { ticketStatuses as TICKET_STATUSES } from '@kusanya/schemas';
export type TicketStatus = TicketStatusRequest['to'];

/** RECEIVED → OPEN → IN_PROGRESS → RESOLVED → CLOSED; reopen (RESOLVED or CLOSED) → OPEN. */
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  RECEIVED: ['OPEN'],
  OPEN: ['IN_PROGRESS'],
  IN_PROGRESS: ['RESOLVED'],
  RESOLVED: ['CLOSED', 'OPEN'],
  CLOSED: ['OPEN'],
};

export function allowedTransitions(from: TicketStatus): readonly TicketStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Whether moving a ticket from `from` to `to` reopens it (a resolved or closed case back to OPEN). */
export function isReopen(from: TicketStatus, to: TicketStatus): boolean {
  return to === 'OPEN' && (from === 'RESOLVED' || from === 'CLOSED');
}

/** Whether a status change must carry a comment: the resolution when resolving, the reason when reopening. */
export function statusChangeNeedsComment(from: TicketStatus, to: TicketStatus): boolean {
  return to === 'RESOLVED' || isReopen(from, to);
}

/**
 * What is wrong with a status change, in the shape of a 400's details (empty: nothing). The same rule on the
 * device (the button stays disabled, the note is asked for) and on the server (the change is refused).
 */
export function statusChangeProblems(
  from: TicketStatus,
  change: Pick<TicketStatusRequest, 'to' | 'comment'>,
): FieldError[] {
  if (!statusChangeNeedsComment(from, change.to) || change.comment?.trim()) return [];
  return [{ path: 'comment', message: 'required' }];
}

import type { TicketStatusRequest } from '@kusanya/schemas';
import {
  allowedTransitions,
  canTransition,
  dueDate,
  isReopen,
  statusChangeProblems,
  type TicketStatus,
} from '@kusanya/shared/grievance/rules';
import { AppError } from '../../errors.js';

/** What a status change reads of a ticket. */
export interface TicketState {
  status: TicketStatus;
  category: string | null;
  dueAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}

/**
 * A ticket's status change (DESIGN.md §2), pure: only along the allowed transitions (RECEIVED → OPEN →
 * IN_PROGRESS → RESOLVED → CLOSED, reopen to OPEN); resolving needs the resolution as a comment, reopening needs
 * the reason and gives a new due date from the category's SLA. Returns the ticket's new dates and status.
 */
export function ticketStatusChange(
  ticket: TicketState,
  change: Pick<TicketStatusRequest, 'to' | 'comment'>,
  now: Date,
): Pick<TicketState, 'status' | 'dueAt' | 'resolvedAt' | 'closedAt'> {
  const from = ticket.status;
  if (!canTransition(from, change.to)) {
    const allowed = allowedTransitions(from);
    throw new AppError(
      'transition-not-allowed',
      `A ${from} ticket cannot become ${change.to}; it can become ${allowed.join(' or ')}.`,
      [{ from, to: change.to, allowed }],
    );
  }
  const reopen = isReopen(from, change.to);
  const problems = statusChangeProblems(from, change);
  if (problems.length > 0) {
    const message = reopen ? 'Write why the case is reopened.' : 'Write how the case was resolved.';
    throw new AppError('validation-failed', message, problems);
  }
  const at = now.toISOString();
  return {
    status: change.to,
    dueAt: reopen ? dueDate(now, ticket.category).toISOString() : ticket.dueAt,
    resolvedAt: change.to === 'RESOLVED' ? at : reopen ? null : ticket.resolvedAt,
    closedAt: change.to === 'CLOSED' ? at : reopen ? null : ticket.closedAt,
  };
}

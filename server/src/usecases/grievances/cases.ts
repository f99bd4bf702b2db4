import type { TicketStatusRequest, User } from '@kusanya/schemas';
import { ticketStatusChange } from '../../domain/grievances/ticket-status.js';
import type { Db } from '../../db/database.js';
import { newId } from '../../domain/ids.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type { CaseRecord, GrievanceCasesRepository } from '../../repositories/grievance-cases.js';
import type { UsersRepository } from '../../repositories/users.js';
import { maySeeTicket } from '../../domain/read-policy.js';

export interface CaseDeps {
  db: Db;
  cases: GrievanceCasesRepository;
  users: UsersRepository;
  locations: () => LocationTree;
}

/** A ticket the user may see (404 for one they may not: its existence is not disclosed). */
export function visibleTicket(deps: CaseDeps, user: User, id: string): CaseRecord {
  const ticket = deps.cases.get(id);
  if (!ticket || !maySeeTicket(deps.locations(), user, ticket)) throw new AppError('not-found', 'No such ticket.');
  return ticket;
}

function checkVersion(ticket: CaseRecord, version: number): void {
  if (ticket.version !== version) {
    throw new AppError(
      'conflict',
      `Ticket ${ticket.code} changed since you opened it (now ${ticket.status}). Reload it and try again.`,
      [{ status: ticket.status, version: ticket.version, assignedTo: ticket.assignedTo }],
    );
  }
}

function save(
  deps: CaseDeps,
  ticket: CaseRecord,
  next: Pick<CaseRecord, 'status' | 'assignedTo' | 'dueAt' | 'resolvedAt' | 'closedAt'>,
  at: string,
): void {
  if (!deps.cases.update({ id: ticket.id, version: ticket.version, updatedAt: at, ...next })) {
    throw new AppError('conflict', `Ticket ${ticket.code} was changed by someone else. Reload it and try again.`);
  }
}

/** Staff a ticket may be assigned to: active grievance officers of its area, and HQ staff unless it is SENSITIVE. */
export function assignableUsers(
  deps: Pick<CaseDeps, 'users' | 'locations'>,
  ticket: Pick<CaseRecord, 'area' | 'sensitive'>,
) {
  const tree = deps.locations();
  return deps.users
    .list()
    .filter((u) => !u.disabled && maySeeTicket(tree, u, ticket))
    .map((u) => ({ id: u.id, username: u.username, role: u.role }));
}

/**
 * Moves a ticket along the allowed transitions only (RECEIVED → OPEN → IN_PROGRESS → RESOLVED → CLOSED,
 * reopen to OPEN). Resolving needs the resolution as a comment; reopening needs the reason, and gives the
 * ticket a new due date from the category's SLA. One transaction with the timeline entry and the comment.
 */
export function changeStatus(
  deps: CaseDeps,
  user: User,
  id: string,
  change: TicketStatusRequest,
  now = new Date(),
): CaseRecord {
  const comment = change.comment?.trim() ?? '';
  return deps.db
    .transaction(() => {
      const ticket = visibleTicket(deps, user, id);
      checkVersion(ticket, change.version);
      const from = ticket.status;
      const next = ticketStatusChange(ticket, change, now);
      const at = now.toISOString();
      save(deps, ticket, { ...next, assignedTo: ticket.assignedTo }, at);
      deps.cases.addEvent({ ticketId: ticket.id, actorId: user.id, kind: 'status', from, to: change.to, at });
      if (comment)
        deps.cases.addComment({
          id: newId(),
          ticketId: ticket.id,
          authorId: user.id,
          body: comment,
          resolution: change.to === 'RESOLVED',
          createdAt: at,
        });
      return deps.cases.get(ticket.id)!;
    })
    .immediate();
}

/** Assigns the ticket to a member of staff who may handle it (or to nobody). */
export function assignTicket(
  deps: CaseDeps,
  user: User,
  id: string,
  input: { assigneeId: string | null; version: number },
  now = new Date(),
): CaseRecord {
  return deps.db
    .transaction(() => {
      const ticket = visibleTicket(deps, user, id);
      checkVersion(ticket, input.version);
      if (input.assigneeId === ticket.assignedTo) return ticket;
      if (input.assigneeId !== null && !assignableUsers(deps, ticket).some((u) => u.id === input.assigneeId)) {
        throw new AppError(
          'validation-failed',
          'This person cannot handle this ticket (not a grievance officer of its area, or the ticket is sensitive).',
          [{ path: 'assigneeId', message: 'not assignable' }],
        );
      }
      const at = now.toISOString();
      save(
        deps,
        ticket,
        {
          status: ticket.status,
          assignedTo: input.assigneeId,
          dueAt: ticket.dueAt,
          resolvedAt: ticket.resolvedAt,
          closedAt: ticket.closedAt,
        },
        at,
      );
      deps.cases.addEvent({
        ticketId: ticket.id,
        actorId: user.id,
        kind: 'assign',
        from: ticket.assignedTo,
        to: input.assigneeId,
        at,
      });
      return deps.cases.get(ticket.id)!;
    })
    .immediate();
}

/** A comment on the case (any status, CLOSED included: notes after closure are part of the file). */
export function commentTicket(deps: CaseDeps, user: User, id: string, body: string, now = new Date()): string {
  const text = body.trim();
  if (!text) throw new AppError('validation-failed', 'The comment is empty.', [{ path: 'body', message: 'required' }]);
  return deps.db
    .transaction(() => {
      const ticket = visibleTicket(deps, user, id);
      const at = now.toISOString();
      const commentId = newId();
      deps.cases.addComment({
        id: commentId,
        ticketId: ticket.id,
        authorId: user.id,
        body: text,
        resolution: false,
        createdAt: at,
      });
      deps.cases.touch(ticket.id, at);
      return commentId;
    })
    .immediate();
}

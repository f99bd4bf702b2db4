import type { TicketListQuery, TicketStatusRequest, User } from '@kusanya/schemas';
import { addAttachment, readAttachment } from './attachments.js';
import { assignTicket, changeStatus, commentTicket } from './cases.js';
import { grievanceMeta, listTickets, ticketDetail } from './read.js';

type GrievanceDeps = Parameters<typeof ticketDetail>[0];

export type GrievanceUseCases = ReturnType<typeof grievanceUseCases>;

/** Grievance case management as the routes call it: each use case takes the caller; dependencies bound once. */
export function grievanceUseCases(deps: GrievanceDeps) {
  return {
    meta: () => grievanceMeta(deps),
    list: (user: User, query: TicketListQuery) => listTickets(deps, user, query),
    detail: (user: User, id: string) => ticketDetail(deps, user, id),
    /** Moves a ticket on; answers the ticket and the status it had (for the audit entry). */
    changeStatus(user: User, id: string, change: TicketStatusRequest) {
      const from = deps.cases.get(id)?.status;
      return { from, ticket: changeStatus(deps, user, id, change) };
    },
    assign: (user: User, id: string, input: Parameters<typeof assignTicket>[3]) => assignTicket(deps, user, id, input),
    comment: (user: User, id: string, body: string) => commentTicket(deps, user, id, body),
    attach: (user: User, id: string, file: Parameters<typeof addAttachment>[3]) => addAttachment(deps, user, id, file),
    attachment: (user: User, id: string, attachmentId: string) => readAttachment(deps, user, id, attachmentId),
  };
}

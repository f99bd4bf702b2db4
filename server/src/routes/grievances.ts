import * as contract from '@kusanya/schemas/contract/grievances';
import { route } from '../plugins/contract.js';
import type { FastifyInstance } from 'fastify';
import { audit, audited, noteAudit } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../usecases/grievances/attachments.js';
import type { GrievanceUseCases } from '../usecases/grievances/index.js';
import { TICKET_ROLES } from '../domain/read-policy.js';

/**
 * Grievance case management (DESIGN.md §2, §5): grievance officers handle every ticket of their area,
 * SENSITIVE ones included; HQ handles the tickets that are not SENSITIVE. A ticket someone may not see
 * answers 404, so its existence is not disclosed.
 */
export async function grievanceRoutes(app: FastifyInstance, { grievances }: { grievances: GrievanceUseCases }) {
  const detail = grievances.detail;

  // Files attached to a case arrive as the request body, with their own content type.
  app.addContentTypeParser(
    Object.keys(ATTACHMENT_TYPES).filter((t) => t !== 'text/plain'),
    { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES },
    (_req, body, done) => done(null, body),
  );

  route(app, contract.getGrievancesMeta, { config: { roles: TICKET_ROLES } }, async () => grievances.meta());

  route(app, contract.getGrievancesTickets, { config: { roles: TICKET_ROLES } }, async (request) =>
    grievances.list(caller(request).user, request.query),
  );

  route(app, contract.getGrievancesTicketsById, { config: { roles: TICKET_ROLES } }, async (request) => {
    const answer = detail(caller(request).user, request.params.id);
    // Who read a SENSITIVE case (a GBV victim's name, phone and story) is always known.
    if (answer.ticket.sensitive) {
      audit(request, 'ticket.read', { code: answer.ticket.code, sensitive: true }, { target: answer.ticket.id });
    }
    return answer;
  });

  route(
    app,
    contract.postGrievancesTicketsByIdStatus,
    { config: { roles: TICKET_ROLES, audit: 'ticket.status' } },
    async (request) => {
      const user = caller(request).user;
      noteAudit(request, { target: request.params.id, details: { to: request.body.to } });
      audited(request, (scope) => {
        const { from, ticket } = grievances.changeStatus(user, request.params.id, request.body);
        scope.note({ details: { code: ticket.code, from, to: ticket.status, version: ticket.version } });
      });
      return detail(user, request.params.id);
    },
  );

  route(
    app,
    contract.postGrievancesTicketsByIdAssign,
    { config: { roles: TICKET_ROLES, audit: 'ticket.assign' } },
    async (request) => {
      const user = caller(request).user;
      noteAudit(request, { target: request.params.id, details: { assignee: request.body.assigneeId } });
      audited(request, (scope) => {
        const ticket = grievances.assign(user, request.params.id, request.body);
        scope.note({ details: { code: ticket.code, version: ticket.version } });
      });
      return detail(user, request.params.id);
    },
  );

  route(
    app,
    contract.postGrievancesTicketsByIdComments,
    { config: { roles: TICKET_ROLES, audit: 'ticket.comment' } },
    async (request) => {
      const user = caller(request).user;
      noteAudit(request, { target: request.params.id });
      audited(request, (scope) => {
        const comment = grievances.comment(user, request.params.id, request.body.body);
        scope.note({ details: { comment, length: request.body.body.trim().length } });
      });
      return detail(user, request.params.id);
    },
  );

  route(
    app,
    contract.postGrievancesTicketsByIdAttachments,
    { config: { roles: TICKET_ROLES, audit: 'ticket.attach' }, bodyLimit: MAX_ATTACHMENT_BYTES },
    async (request, reply) => {
      const body = request.body;
      // The raw body (any content type): a Buffer, or a string for text types.
      const data = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
      noteAudit(request, { target: request.params.id });
      const attachment = audited(
        request,
        (scope) => {
          const added = grievances.attach(caller(request).user, request.params.id, {
            filename: request.query.filename,
            contentType: request.headers['content-type'] ?? '',
            data,
          });
          scope.note({ details: { attachment: added.id, contentType: added.contentType, bytes: added.size } });
          return added;
        },
        201,
      );
      return reply.code(201).send(attachment);
    },
  );

  route(
    app,
    contract.getGrievancesTicketsByIdAttachmentsByAttachmentId,
    { config: { roles: TICKET_ROLES } },
    async (request, reply) => {
      const file = grievances.attachment(caller(request).user, request.params.id, request.params.attachmentId);
      audit(
        request,
        'ticket.attachment.read',
        { attachment: file.id, contentType: file.contentType, bytes: file.size },
        { target: request.params.id },
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.data);
    },
  );
}

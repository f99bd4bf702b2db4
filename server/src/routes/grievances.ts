import {
  errorBodySchema,
  grievanceMetaSchema,
  ticketAssignRequestSchema,
  ticketAttachmentSchema,
  ticketCommentRequestSchema,
  ticketDetailSchema,
  ticketListQuerySchema,
  ticketListResponseSchema,
  ticketStatusRequestSchema,
  type TicketAssignRequest,
  type TicketCommentRequest,
  type TicketListQuery,
  type TicketStatusRequest,
  type User,
} from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { audit, audited, noteAudit } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import {
  addAttachment,
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  readAttachment,
} from '../services/grievances/attachments.js';
import { assignTicket, changeStatus, commentTicket } from '../services/grievances/cases.js';
import { grievanceMeta, listTickets, ticketDetail } from '../services/grievances/read.js';
import { TICKET_ROLES } from '../domain/read-policy.js';

const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ref(errorBodySchema)]));
const ticketParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;

/**
 * Grievance case management (DESIGN.md §2, §5): grievance officers handle every ticket of their area,
 * SENSITIVE ones included; HQ handles the tickets that are not SENSITIVE. A ticket someone may not see
 * answers 404, so its existence is not disclosed.
 */
export async function grievanceRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const cases = { db: ctx.db, cases: ctx.grievanceCases, users: ctx.users, locations: ctx.locationTree };
  const reads = {
    ...cases,
    submissions: ctx.submissions,
    reads: ctx.registryReads,
    labels: ctx.formLabels,
    directory: ctx.locationDirectory,
  };
  const detail = (user: User, id: string) => ticketDetail(reads, user, id);

  // Files attached to a case arrive as the request body, with their own content type.
  app.addContentTypeParser(
    Object.keys(ATTACHMENT_TYPES).filter((t) => t !== 'text/plain'),
    { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/grievances/meta',
    {
      config: { roles: TICKET_ROLES },
      schema: {
        tags: ['grievances'],
        summary: 'Categories, channels, statuses and SLAs, with their labels',
        response: { 200: ref(grievanceMetaSchema), ...errors(401, 403) },
      },
    },
    async () => grievanceMeta(reads),
  );

  app.get<{ Querystring: TicketListQuery }>(
    '/api/grievances/tickets',
    {
      config: { roles: TICKET_ROLES },
      schema: {
        tags: ['grievances'],
        summary: 'Tickets you handle, filtered, most urgent first, with counts per status, overdue and SENSITIVE',
        querystring: ref(ticketListQuerySchema),
        response: { 200: ref(ticketListResponseSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => listTickets(reads, caller(request).user, request.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/grievances/tickets/:id',
    {
      config: { roles: TICKET_ROLES },
      schema: {
        tags: ['grievances'],
        summary: 'One ticket: reporter (unless anonymous), description, comments, timeline, attachments, next steps',
        params: ticketParams,
        response: { 200: ref(ticketDetailSchema), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const answer = detail(caller(request).user, request.params.id);
      // Who read a SENSITIVE case (a GBV victim's name, phone and story) is always known.
      if (answer.ticket.sensitive) {
        audit(request, 'ticket.read', { code: answer.ticket.code, sensitive: true }, { target: answer.ticket.id });
      }
      return answer;
    },
  );

  app.post<{ Params: { id: string }; Body: TicketStatusRequest }>(
    '/api/grievances/tickets/:id/status',
    {
      config: { roles: TICKET_ROLES, audit: 'ticket.status' },
      schema: {
        tags: ['grievances'],
        summary: 'Move a ticket to its next status (only along the allowed transitions)',
        description:
          'RECEIVED → OPEN → IN_PROGRESS → RESOLVED → CLOSED; RESOLVED or CLOSED → OPEN reopens (with the reason, and a new due date). ' +
          'Resolving needs the resolution as `comment`. `version` is the ticket version you saw: 409 `conflict` if it changed, 409 `transition-not-allowed` otherwise refused.',
        params: ticketParams,
        body: ref(ticketStatusRequestSchema),
        response: { 200: ref(ticketDetailSchema), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = caller(request).user;
      noteAudit(request, { target: request.params.id, details: { to: request.body.to } });
      audited(request, (scope) => {
        const from = ctx.grievanceCases.get(request.params.id)?.status;
        const ticket = changeStatus(cases, user, request.params.id, request.body);
        scope.note({ details: { code: ticket.code, from, to: ticket.status, version: ticket.version } });
      });
      return detail(user, request.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: TicketAssignRequest }>(
    '/api/grievances/tickets/:id/assign',
    {
      config: { roles: TICKET_ROLES, audit: 'ticket.assign' },
      schema: {
        tags: ['grievances'],
        summary: 'Assign the ticket to a grievance officer of its area (or HQ staff when not SENSITIVE), or to nobody',
        params: ticketParams,
        body: ref(ticketAssignRequestSchema),
        response: { 200: ref(ticketDetailSchema), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = caller(request).user;
      noteAudit(request, { target: request.params.id, details: { assignee: request.body.assigneeId } });
      audited(request, (scope) => {
        const ticket = assignTicket(cases, user, request.params.id, request.body);
        scope.note({ details: { code: ticket.code, version: ticket.version } });
      });
      return detail(user, request.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: TicketCommentRequest }>(
    '/api/grievances/tickets/:id/comments',
    {
      config: { roles: TICKET_ROLES, audit: 'ticket.comment' },
      schema: {
        tags: ['grievances'],
        summary: 'Add a comment to the case',
        params: ticketParams,
        body: ref(ticketCommentRequestSchema),
        response: { 200: ref(ticketDetailSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = caller(request).user;
      noteAudit(request, { target: request.params.id });
      audited(request, (scope) => {
        const comment = commentTicket(cases, user, request.params.id, request.body.body);
        scope.note({ details: { comment, length: request.body.body.trim().length } });
      });
      return detail(user, request.params.id);
    },
  );

  app.post<{ Params: { id: string }; Querystring: { filename: string }; Body: Buffer | string }>(
    '/api/grievances/tickets/:id/attachments',
    {
      config: { roles: TICKET_ROLES, audit: 'ticket.attach' },
      bodyLimit: MAX_ATTACHMENT_BYTES,
      schema: {
        tags: ['grievances'],
        summary: 'Attach a file to the case (PDF, JPEG, PNG, WebP or text; at most 5 MB)',
        description:
          'The request body is the file itself, sent with its content type (e.g. `application/pdf`); its name goes in `filename`.',
        params: ticketParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['filename'],
          properties: { filename: { type: 'string', minLength: 1, maxLength: 255 } },
        },
        response: { 201: ref(ticketAttachmentSchema), ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      noteAudit(request, { target: request.params.id });
      const attachment = audited(
        request,
        (scope) => {
          const added = addAttachment(cases, caller(request).user, request.params.id, {
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

  app.get<{ Params: { id: string; attachmentId: string } }>(
    '/api/grievances/tickets/:id/attachments/:attachmentId',
    {
      config: { roles: TICKET_ROLES },
      schema: {
        tags: ['grievances'],
        summary: 'Download an attachment of the case',
        params: {
          type: 'object',
          required: ['id', 'attachmentId'],
          properties: { id: { type: 'string', maxLength: 64 }, attachmentId: { type: 'string', maxLength: 64 } },
        },
        response: { 200: { type: 'string', format: 'binary' }, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const file = readAttachment(cases, caller(request).user, request.params.id, request.params.attachmentId);
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

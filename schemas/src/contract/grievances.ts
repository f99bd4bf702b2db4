/** The API contract: grievances routes (server/src/routes/grievances.ts). */
import {
  grievanceMetaSchema,
  ticketAssignRequestSchema,
  ticketAttachmentSchema,
  ticketCommentRequestSchema,
  ticketDetailSchema,
  ticketListQuerySchema,
  ticketListResponseSchema,
  ticketStatusRequestSchema,
} from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

const ticketParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;

export const getGrievancesMeta = defineRoute({
  method: 'GET',
  url: '/api/grievances/meta',
  tags: ['grievances'],
  summary: 'Categories, channels, statuses and SLAs, with their labels',
  response: { 200: ref(grievanceMetaSchema), ...errors(401, 403) },
});

export const getGrievancesTickets = defineRoute({
  method: 'GET',
  url: '/api/grievances/tickets',
  tags: ['grievances'],
  summary: 'Tickets you handle, filtered, most urgent first, with counts per status, overdue and SENSITIVE',
  querystring: ref(ticketListQuerySchema),
  response: { 200: ref(ticketListResponseSchema), ...errors(400, 401, 403) },
});

export const getGrievancesTicketsById = defineRoute({
  method: 'GET',
  url: '/api/grievances/tickets/:id',
  tags: ['grievances'],
  summary: 'One ticket: reporter (unless anonymous), description, comments, timeline, attachments, next steps',
  params: ticketParams,
  response: { 200: ref(ticketDetailSchema), ...errors(401, 403, 404) },
});

export const postGrievancesTicketsByIdStatus = defineRoute({
  method: 'POST',
  url: '/api/grievances/tickets/:id/status',
  tags: ['grievances'],
  summary: 'Move a ticket to its next status (only along the allowed transitions)',
  description:
    'RECEIVED → OPEN → IN_PROGRESS → RESOLVED → CLOSED; RESOLVED or CLOSED → OPEN reopens (with the reason, and a new due date). ' +
    'Resolving needs the resolution as `comment`. `version` is the ticket version you saw: 409 `conflict` if it changed, 409 `transition-not-allowed` otherwise refused.',
  params: ticketParams,
  body: ref(ticketStatusRequestSchema),
  response: { 200: ref(ticketDetailSchema), ...errors(400, 401, 403, 404, 409) },
});

export const postGrievancesTicketsByIdAssign = defineRoute({
  method: 'POST',
  url: '/api/grievances/tickets/:id/assign',
  tags: ['grievances'],
  summary: 'Assign the ticket to a grievance officer of its area (or HQ staff when not SENSITIVE), or to nobody',
  params: ticketParams,
  body: ref(ticketAssignRequestSchema),
  response: { 200: ref(ticketDetailSchema), ...errors(400, 401, 403, 404, 409) },
});

export const postGrievancesTicketsByIdComments = defineRoute({
  method: 'POST',
  url: '/api/grievances/tickets/:id/comments',
  tags: ['grievances'],
  summary: 'Add a comment to the case',
  params: ticketParams,
  body: ref(ticketCommentRequestSchema),
  response: { 200: ref(ticketDetailSchema), ...errors(400, 401, 403, 404) },
});

export const postGrievancesTicketsByIdAttachments = defineRoute({
  method: 'POST',
  url: '/api/grievances/tickets/:id/attachments',
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
});

export const getGrievancesTicketsByIdAttachmentsByAttachmentId = defineRoute({
  method: 'GET',
  url: '/api/grievances/tickets/:id/attachments/:attachmentId',
  tags: ['grievances'],
  summary: 'Download an attachment of the case',
  params: {
    type: 'object',
    required: ['id', 'attachmentId'],
    properties: { id: { type: 'string', maxLength: 64 }, attachmentId: { type: 'string', maxLength: 64 } },
  },
  response: { 200: { type: 'string', format: 'binary' }, ...errors(401, 403, 404) },
});

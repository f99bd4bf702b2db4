import { ID_BASE, areaCode } from './common.js';

/** Grievance case management (grievance officers and HQ; DESIGN.md §2, §5). */

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
export const ticketStatuses = ['RECEIVED', 'OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'] as const;
const staff = {
  oneOf: [
    { type: 'null' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'username'],
      properties: { id: str, username: str },
    },
  ],
} as const;

export const ticketListQuerySchema = {
  $id: `${ID_BASE}ticket-list-query.json`,
  title: 'TicketListQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'array', maxItems: 5, items: { type: 'string', enum: ticketStatuses } },
    category: { type: 'string', maxLength: 64 },
    sensitive: { type: 'boolean' },
    overdue: { type: 'boolean' },
    area: areaCode,
    channel: { type: 'string', maxLength: 64 },
    assigned: { type: 'string', maxLength: 64, description: '"me", "none" or a user id.' },
    code: { type: 'string', maxLength: 32, description: 'Part of a ticket code.' },
    from: { ...date, description: 'Received on or after this day.' },
    to: { ...date, description: 'Received on or before this day.' },
    sort: { type: 'string', enum: ['due', 'received'], default: 'due' },
    cursor: { type: 'string', maxLength: 200 },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
} as const;

const summaryProperties = {
  id: str,
  code: str,
  status: { type: 'string', enum: ticketStatuses },
  caseType: str,
  category: nullableStr,
  subcategory: nullableStr,
  sensitive: { type: 'boolean' },
  special: { type: 'boolean' },
  channel: nullableStr,
  anonymous: { type: 'boolean' },
  area: str,
  areaName: nullableStr,
  commune: str,
  communeName: nullableStr,
  receivedAt: str,
  dueAt: str,
  overdue: { type: 'boolean' },
  assignedTo: staff,
  version: { type: 'integer' },
  updatedAt: str,
} as const;

export const ticketSummarySchema = {
  $id: `${ID_BASE}ticket-summary.json`,
  title: 'TicketSummary',
  type: 'object',
  additionalProperties: false,
  required: Object.keys(summaryProperties),
  properties: summaryProperties,
} as const;

export const ticketListResponseSchema = {
  $id: `${ID_BASE}ticket-list-response.json`,
  title: 'TicketListResponse',
  type: 'object',
  additionalProperties: false,
  required: ['items', 'counts', 'nextCursor'],
  properties: {
    items: { type: 'array', items: { $ref: `${ID_BASE}ticket-summary.json` } },
    counts: {
      type: 'object',
      additionalProperties: false,
      required: ['byStatus', 'overdue', 'sensitive', 'total'],
      properties: {
        byStatus: { type: 'object', additionalProperties: { type: 'integer' } },
        overdue: { type: 'integer' },
        sensitive: { type: 'integer' },
        total: { type: 'integer' },
      },
    },
    nextCursor: nullableStr,
  },
} as const;

export const ticketDetailSchema = {
  $id: `${ID_BASE}ticket-detail.json`,
  title: 'TicketDetail',
  type: 'object',
  additionalProperties: false,
  required: [
    'ticket',
    'reporter',
    'details',
    'comments',
    'events',
    'attachments',
    'media',
    'allowedTransitions',
    'assignees',
    'household',
    'labels',
  ],
  properties: {
    ticket: {
      type: 'object',
      additionalProperties: false,
      required: [
        ...Object.keys(summaryProperties),
        'province',
        'provinceName',
        'description',
        'incidentDate',
        'resolvedAt',
        'closedAt',
        'householdCode',
        'submissionId',
        'collectedBy',
      ],
      properties: {
        ...summaryProperties,
        province: str,
        provinceName: nullableStr,
        description: nullableStr,
        incidentDate: nullableStr,
        resolvedAt: nullableStr,
        closedAt: nullableStr,
        householdCode: nullableStr,
        submissionId: str,
        collectedBy: nullableStr,
      },
    },
    reporter: {
      description: 'Null when the reporter asked to stay anonymous.',
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'sex', 'birthYear', 'phone', 'nationalId', 'beneficiary'],
          properties: {
            name: nullableStr,
            sex: nullableStr,
            birthYear: { type: ['integer', 'null'] },
            phone: nullableStr,
            nationalId: nullableStr,
            beneficiary: nullableStr,
          },
        },
      ],
    },
    details: {
      type: 'object',
      additionalProperties: false,
      required: ['resolvedOnSpot', 'spotResolution', 'replacementReason', 'exitReason'],
      properties: {
        resolvedOnSpot: nullableStr,
        spotResolution: nullableStr,
        replacementReason: nullableStr,
        exitReason: nullableStr,
      },
    },
    comments: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'author', 'body', 'resolution', 'at'],
        properties: { id: str, author: str, body: str, resolution: { type: 'boolean' }, at: str },
      },
    },
    events: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'from', 'to', 'actor', 'at'],
        properties: {
          kind: { type: 'string', enum: ['status', 'assign'] },
          from: nullableStr,
          to: nullableStr,
          actor: str,
          at: str,
        },
      },
    },
    attachments: { type: 'array', items: { $ref: `${ID_BASE}ticket-attachment.json` } },
    media: {
      type: 'array',
      description:
        'Photos and files captured with the grievance on the tablet (beside the attachments added at the office).',
      items: { $ref: `${ID_BASE}linked-media.json` },
    },
    allowedTransitions: { type: 'array', items: { type: 'string', enum: ticketStatuses } },
    assignees: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'username', 'role'],
        properties: { id: str, username: str, role: str },
      },
    },
    household: {
      description: 'The registry household the ticket names, when the reader may open it.',
      oneOf: [
        { type: 'null' },
        { type: 'object', additionalProperties: false, required: ['id', 'code'], properties: { id: str, code: str } },
      ],
    },
    labels: { oneOf: [{ type: 'null' }, { $ref: `${ID_BASE}form-labels.json` }] },
  },
} as const;

export const ticketAttachmentSchema = {
  $id: `${ID_BASE}ticket-attachment.json`,
  title: 'TicketAttachment',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'filename', 'contentType', 'size', 'uploadedBy', 'uploadedAt'],
  properties: { id: str, filename: str, contentType: str, size: { type: 'integer' }, uploadedBy: str, uploadedAt: str },
} as const;

export const ticketStatusRequestSchema = {
  $id: `${ID_BASE}ticket-status-request.json`,
  title: 'TicketStatusRequest',
  type: 'object',
  additionalProperties: false,
  required: ['to', 'version'],
  properties: {
    to: { type: 'string', enum: ticketStatuses },
    version: { type: 'integer', minimum: 1, description: 'The ticket version the user saw (409 if it changed).' },
    comment: {
      type: 'string',
      maxLength: 4000,
      description: 'Required to resolve (the resolution) and to reopen (the reason).',
    },
  },
} as const;

export const ticketAssignRequestSchema = {
  $id: `${ID_BASE}ticket-assign-request.json`,
  title: 'TicketAssignRequest',
  type: 'object',
  additionalProperties: false,
  required: ['assigneeId', 'version'],
  properties: {
    assigneeId: { type: ['string', 'null'], maxLength: 64 },
    version: { type: 'integer', minimum: 1 },
  },
} as const;

export const ticketCommentRequestSchema = {
  $id: `${ID_BASE}ticket-comment-request.json`,
  title: 'TicketCommentRequest',
  type: 'object',
  additionalProperties: false,
  required: ['body'],
  properties: { body: { type: 'string', minLength: 1, maxLength: 4000 } },
} as const;

export const grievanceMetaSchema = {
  $id: `${ID_BASE}grievance-meta.json`,
  title: 'GrievanceMeta',
  type: 'object',
  additionalProperties: false,
  required: ['categories', 'sensitiveCategories', 'channels', 'statuses', 'slaDays', 'labels'],
  properties: {
    categories: { type: 'array', items: str },
    sensitiveCategories: { type: 'array', items: str },
    channels: { type: 'array', items: str },
    statuses: { type: 'array', items: { type: 'string', enum: ticketStatuses } },
    slaDays: { type: 'object', additionalProperties: { type: 'integer' } },
    labels: { oneOf: [{ type: 'null' }, { $ref: `${ID_BASE}form-labels.json` }] },
  },
} as const;

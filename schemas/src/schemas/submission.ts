import { ID_BASE, areaCode, isoDateTime, uuid } from './common.js';

export const submissionStatuses = [
  'submitted',
  'needs_correction',
  'pending_review',
  'approved',
  'rejected',
  'returned',
] as const;

export const fieldErrorSchema = {
  $id: `${ID_BASE}field-error.json`,
  title: 'FieldError',
  description:
    'A problem with one answer; `path` is the field name, with repeat positions (`members[2].sex`). Problems the ' +
    'server finds in a record (its colline, the household it visits) also carry a `code` of the catalogue in ' +
    '`shared/src/sync/record-problems.ts` and its `details`, so that a device shows them in its own language.',
  type: 'object',
  additionalProperties: false,
  required: ['path', 'message'],
  properties: {
    path: { type: 'string', maxLength: 512 },
    message: { type: 'string', maxLength: 2000 },
    code: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' },
    details: {
      type: 'object',
      maxProperties: 16,
      additionalProperties: { type: ['string', 'number', 'null'], maxLength: 512 },
    },
  },
} as const;

/** One filled form: the unit of sync (DESIGN.md §2). */
export const submissionSchema = {
  $id: `${ID_BASE}submission.json`,
  title: 'Submission',
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'formId',
    'formVersion',
    'data',
    'meta',
    'status',
    'review',
    'errors',
    'rev',
    'updatedAt',
    '_deleted',
  ],
  properties: {
    id: { ...uuid, description: 'UUIDv7 set on the device; never changes.' },
    formId: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.\\-]{0,63}$' },
    formVersion: { type: 'string', minLength: 1, maxLength: 64 },
    data: {
      type: 'object',
      description: 'Answers keyed by field name; a repeat is an array of objects.',
      additionalProperties: true,
    },
    meta: {
      type: 'object',
      additionalProperties: false,
      required: ['enumeratorId', 'deviceId', 'startedAt', 'finalizedAt', 'area'],
      properties: {
        enumeratorId: uuid,
        deviceId: { type: 'string', minLength: 1, maxLength: 128 },
        startedAt: isoDateTime,
        finalizedAt: isoDateTime,
        area: { ...areaCode, description: 'Colline code.' },
        appVersion: { type: 'string', maxLength: 64 },
        gps: {
          type: 'object',
          additionalProperties: false,
          required: ['lat', 'lon', 'accuracy'],
          properties: {
            lat: { type: 'number', minimum: -90, maximum: 90 },
            lon: { type: 'number', minimum: -180, maximum: 180 },
            accuracy: { type: 'number', minimum: 0 },
            altitude: { type: 'number' },
          },
        },
        subject: {
          type: 'object',
          description: 'Set on a follow-up visit of an existing household.',
          additionalProperties: false,
          required: ['householdId', 'baseVersion'],
          properties: {
            householdId: uuid,
            baseVersion: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
    status: { type: 'string', enum: submissionStatuses },
    review: {
      description: 'Server-owned: the last review decision.',
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['by', 'at'],
          properties: {
            by: { type: 'string', maxLength: 128 },
            at: isoDateTime,
            decision: { type: 'string', enum: ['approve', 'reject', 'return'] },
            reason: { type: 'string', maxLength: 128 },
            comment: { type: 'string', maxLength: 4000 },
          },
        },
      ],
    },
    errors: {
      type: 'array',
      description: 'Server-owned: why the answers need correction.',
      maxItems: 1000,
      items: { $ref: `${ID_BASE}field-error.json` },
    },
    rev: { type: 'integer', minimum: 0, description: '+1 on every accepted write by anyone.' },
    updatedAt: { type: 'integer', minimum: 0, description: 'ms since epoch, informational only.' },
    _deleted: { type: 'boolean' },
  },
} as const;

import { ID_BASE, areaCode, isoDateTime, uuid } from './common.js';

const ref = (name: string) => ({ $ref: `${ID_BASE}${name}.json` }) as const;
const nullable = <T extends object>(schema: T) => ({ oneOf: [{ type: 'null' }, schema] }) as const;

export const reviewQueueQuerySchema = {
  $id: `${ID_BASE}review-queue-query.json`,
  title: 'ReviewQueueQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    status: {
      type: 'string',
      enum: ['pending_review', 'needs_correction', 'returned', 'approved', 'rejected'],
      default: 'pending_review',
    },
    formId: { type: 'string', maxLength: 64 },
    area: areaCode,
    enumeratorId: uuid,
    minWaitHours: { type: 'integer', minimum: 0, maximum: 100000 },
    cursor: { type: 'string', maxLength: 200 },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
} as const;

export const reviewQueueItemSchema = {
  $id: `${ID_BASE}review-queue-item.json`,
  title: 'ReviewQueueItem',
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'formId',
    'formVersion',
    'status',
    'rev',
    'area',
    'enumeratorId',
    'enumerator',
    'receivedAt',
    'finalizedAt',
    'openCandidates',
    'errors',
    'revisit',
    'correction',
    'data',
  ],
  properties: {
    id: uuid,
    formId: { type: 'string' },
    formVersion: { type: 'string' },
    status: { type: 'string' },
    rev: { type: 'integer' },
    area: { type: 'string' },
    enumeratorId: uuid,
    enumerator: { type: 'string', description: 'Username of the enumerator.' },
    receivedAt: { type: 'string' },
    finalizedAt: { type: 'string' },
    openCandidates: { type: 'integer', description: 'Duplicate candidates still to decide.' },
    errors: { type: 'integer' },
    revisit: { type: 'boolean' },
    correction: {
      type: 'boolean',
      description: 'The enumerator sent this record again after a supervisor returned it for correction.',
    },
    data: {
      type: 'object',
      additionalProperties: true,
      description: 'The answers (the client labels them with the form).',
    },
  },
} as const;

export const reviewQueueResponseSchema = {
  $id: `${ID_BASE}review-queue-response.json`,
  title: 'ReviewQueueResponse',
  type: 'object',
  additionalProperties: false,
  required: ['items', 'counts', 'nextCursor'],
  properties: {
    items: { type: 'array', items: ref('review-queue-item') },
    counts: {
      type: 'object',
      additionalProperties: false,
      required: ['total', 'byForm', 'byArea', 'byEnumerator'],
      properties: {
        total: { type: 'integer' },
        byForm: { type: 'object', additionalProperties: { type: 'integer' } },
        byArea: { type: 'object', additionalProperties: { type: 'integer' } },
        byEnumerator: { type: 'object', additionalProperties: { type: 'integer' } },
      },
    },
    nextCursor: { type: ['string', 'null'] },
  },
} as const;

export const decisionRequestSchema = {
  $id: `${ID_BASE}decision-request.json`,
  title: 'DecisionRequest',
  type: 'object',
  additionalProperties: false,
  required: ['decision', 'rev'],
  properties: {
    decision: { type: 'string', enum: ['approve', 'reject', 'return'] },
    rev: { type: 'integer', minimum: 0, description: 'The revision of the record the reviewer saw.' },
    registryVersion: {
      type: 'integer',
      minimum: 1,
      description: 'For a revisit: the registry version the reviewer was shown.',
    },
    reason: { type: 'string', maxLength: 64, description: 'Required to reject: one of the reject reasons.' },
    comment: { type: 'string', maxLength: 4000, description: 'Required to return: what the enumerator must correct.' },
  },
} as const;

export const decisionResponseSchema = {
  $id: `${ID_BASE}decision-response.json`,
  title: 'DecisionResponse',
  type: 'object',
  additionalProperties: false,
  required: ['submission', 'household', 'unchanged'],
  properties: {
    submission: ref('submission'),
    household: nullable({
      type: 'object',
      additionalProperties: false,
      required: ['householdId', 'code', 'version', 'created'],
      properties: {
        householdId: uuid,
        code: { type: 'string' },
        version: { type: 'integer' },
        created: { type: 'boolean' },
      },
    }),
    unchanged: { type: 'boolean' },
  },
} as const;

export const candidateDecisionRequestSchema = {
  $id: `${ID_BASE}candidate-decision-request.json`,
  title: 'CandidateDecisionRequest',
  type: 'object',
  additionalProperties: false,
  required: ['decision'],
  properties: { decision: { type: 'string', enum: ['same', 'different'] } },
} as const;

const personSummary = {
  type: 'object',
  additionalProperties: false,
  required: ['firstName', 'lastName', 'sex', 'birthYear', 'nationalId', 'householdCode', 'area'],
  properties: {
    firstName: { type: ['string', 'null'] },
    lastName: { type: ['string', 'null'] },
    sex: { type: ['string', 'null'] },
    birthYear: { type: ['integer', 'null'] },
    nationalId: { type: ['string', 'null'] },
    householdCode: {
      type: ['string', 'null'],
      description: 'Registry household, or null for a record waiting for review.',
    },
    area: { type: ['string', 'null'] },
  },
} as const;

export const duplicateCandidateSchema = {
  $id: `${ID_BASE}duplicate-candidate.json`,
  title: 'DuplicateCandidate',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'memberIndex', 'rule', 'kind', 'candidateId', 'decision', 'person', 'household'],
  properties: {
    id: { type: 'integer' },
    memberIndex: { type: ['integer', 'null'], description: 'Roster line (0-based), or null for the household itself.' },
    rule: { type: 'string', enum: ['national_id', 'name', 'household'] },
    kind: { type: 'string', enum: ['individual', 'household', 'pending_person', 'pending_household'] },
    candidateId: { type: 'string' },
    decision: { type: ['string', 'null'], enum: ['same', 'different', null] },
    person: nullable(personSummary),
    household: nullable({
      type: 'object',
      additionalProperties: false,
      required: ['code', 'area', 'size', 'headName'],
      properties: {
        code: { type: ['string', 'null'] },
        area: { type: 'string' },
        size: { type: 'integer' },
        headName: { type: ['string', 'null'] },
      },
    }),
    withheld: {
      type: 'object',
      additionalProperties: false,
      required: ['province'],
      description:
        "Set when the candidate lies outside the reviewer's areas: `person` and `household` are then null and only its province is told.",
      properties: { province: { type: ['string', 'null'] } },
    },
  },
} as const;

export const submissionReviewSchema = {
  $id: `${ID_BASE}submission-review.json`,
  title: 'SubmissionReview',
  description: 'Everything a reviewer needs to decide on one record.',
  type: 'object',
  additionalProperties: false,
  required: ['submission', 'enumerator', 'candidates', 'registry', 'revisions', 'reviews'],
  properties: {
    submission: ref('submission'),
    enumerator: { type: 'string' },
    candidates: { type: 'array', items: ref('duplicate-candidate') },
    registry: nullable({
      type: 'object',
      additionalProperties: false,
      required: ['current', 'baseVersion', 'stale', 'fields'],
      properties: {
        current: ref('household-doc'),
        baseVersion: { type: 'integer' },
        stale: {
          type: 'boolean',
          description: 'The registry moved since the visit: approval must carry registryVersion.',
        },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['field', 'base', 'current', 'proposed', 'conflict'],
            properties: {
              field: { type: 'string' },
              base: {},
              current: {},
              proposed: {},
              conflict: { type: 'boolean' },
            },
          },
        },
      },
    }),
    revisions: {
      type: 'array',
      description: 'Every accepted version the enumerator sent, oldest first, with what changed from the previous one.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rev', 'receivedAt', 'changes'],
        properties: {
          rev: { type: 'integer' },
          receivedAt: isoDateTime,
          changes: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['field', 'old', 'new'],
              properties: { field: { type: 'string' }, old: {}, new: {} },
            },
          },
        },
      },
    },
    reviews: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['decision', 'by', 'at', 'rev'],
        properties: {
          decision: { type: 'string' },
          by: { type: 'string' },
          at: { type: 'string' },
          rev: { type: 'integer' },
          reason: { type: ['string', 'null'] },
          comment: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;

export const bulkApproveRequestSchema = {
  $id: `${ID_BASE}bulk-approve-request.json`,
  title: 'BulkApproveRequest',
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'rev'],
        properties: { id: uuid, rev: { type: 'integer', minimum: 0 } },
      },
    },
  },
} as const;

export const bulkApproveResponseSchema = {
  $id: `${ID_BASE}bulk-approve-response.json`,
  title: 'BulkApproveResponse',
  type: 'object',
  additionalProperties: false,
  required: ['results'],
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'outcome'],
        properties: {
          id: uuid,
          outcome: { type: 'string', enum: ['approved', 'skipped', 'failed'] },
          householdCode: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;

export const teamResponseSchema = {
  $id: `${ID_BASE}team-response.json`,
  title: 'TeamResponse',
  type: 'object',
  additionalProperties: false,
  required: ['enumerators'],
  properties: {
    enumerators: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'username',
          'areas',
          'thisWeek',
          'waiting',
          'needsCorrection',
          'returned',
          'lastReceivedAt',
          'devices',
        ],
        properties: {
          id: uuid,
          username: { type: 'string' },
          areas: { type: 'array', items: { type: 'string' } },
          thisWeek: { type: 'integer', description: 'Records received in the last 7 days.' },
          waiting: { type: 'integer', description: 'Records waiting for review.' },
          needsCorrection: { type: 'integer' },
          returned: { type: 'integer' },
          lastReceivedAt: { type: ['string', 'null'] },
          devices: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['deviceId', 'lastSyncAt', 'appVersion', 'queue'],
              properties: {
                deviceId: { type: 'string' },
                lastSyncAt: { type: ['string', 'null'] },
                appVersion: { type: ['string', 'null'] },
                queue: {
                  type: ['integer', 'null'],
                  description: 'Records waiting on the device, as it last reported.',
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

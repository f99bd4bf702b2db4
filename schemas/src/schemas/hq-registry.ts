import { ID_BASE, areaCode } from './common.js';

/** HQ and supervisors' registry browser: search, household page, location lists. */

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const nullableInt = { type: ['integer', 'null'] } as const;
const localized = { $ref: `${ID_BASE}localized-text.json` } as const;

export const householdStatuses = ['active', 'inactive', 'visit_pending'] as const;

export const registrySearchQuerySchema = {
  $id: `${ID_BASE}registry-search-query.json`,
  title: 'RegistrySearchQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    q: {
      type: 'string',
      maxLength: 200,
      description: 'Name, national ID, phone or household code; partial words allowed. Empty: browse households.',
    },
    area: { ...areaCode, description: 'Any location code (province, commune, zone, colline).' },
    status: { type: 'string', enum: householdStatuses },
    cursor: { type: 'string', maxLength: 100 },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
  },
} as const;

const placeProperties = {
  area: str,
  areaName: nullableStr,
  commune: str,
  communeName: nullableStr,
  province: str,
  provinceName: nullableStr,
} as const;

export const registryHitSchema = {
  $id: `${ID_BASE}registry-hit.json`,
  title: 'RegistryHit',
  type: 'object',
  additionalProperties: false,
  required: ['tier', 'kind', 'household', 'person'],
  properties: {
    tier: {
      type: 'string',
      enum: ['identifier', 'name', 'word', 'prefix', 'browse'],
      description: 'How well it matched, best first: exact number, exact full name, whole words, beginnings of words.',
    },
    kind: { type: 'string', enum: ['household', 'individual'] },
    household: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'code', 'size', 'version', 'headName', 'updatedAt', ...Object.keys(placeProperties)],
          properties: {
            id: str,
            code: str,
            size: { type: 'integer' },
            version: { type: 'integer' },
            headName: nullableStr,
            updatedAt: str,
            ...placeProperties,
          },
        },
      ],
    },
    person: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: [
            'id',
            'firstName',
            'lastName',
            'sex',
            'birthYear',
            'nationalId',
            'phone',
            'role',
            'recipient',
            'activeMember',
          ],
          properties: {
            id: str,
            firstName: nullableStr,
            lastName: nullableStr,
            sex: nullableStr,
            birthYear: nullableInt,
            nationalId: nullableStr,
            phone: nullableStr,
            role: nullableStr,
            recipient: nullableStr,
            activeMember: { type: 'boolean' },
          },
        },
      ],
    },
  },
} as const;

export const registrySearchResponseSchema = {
  $id: `${ID_BASE}registry-search-response.json`,
  title: 'RegistrySearchResponse',
  type: 'object',
  additionalProperties: false,
  required: ['items', 'total', 'totalCapped', 'nextCursor'],
  properties: {
    items: { type: 'array', items: { $ref: `${ID_BASE}registry-hit.json` } },
    total: { type: ['integer', 'null'], description: 'Matches counted on the first page (null on later pages).' },
    totalCapped: { type: 'boolean', description: 'True when there are more matches than counted.' },
    nextCursor: nullableStr,
  },
} as const;

/** Labels of a form's questions and choices, so values show as words in the user's language. */
export const formLabelsSchema = {
  $id: `${ID_BASE}form-labels.json`,
  title: 'FormLabels',
  type: 'object',
  additionalProperties: false,
  required: ['formId', 'version', 'defaultLanguage', 'fields', 'groups', 'repeats'],
  properties: {
    formId: str,
    version: str,
    defaultLanguage: str,
    fields: { type: 'object', additionalProperties: { $ref: `${ID_BASE}field-label.json` } },
    groups: { type: 'object', additionalProperties: localized, description: 'Labels of the groups questions sit in.' },
    repeats: {
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: { $ref: `${ID_BASE}field-label.json` } },
    },
  },
} as const;

export const fieldLabelSchema = {
  $id: `${ID_BASE}field-label.json`,
  title: 'FieldLabel',
  type: 'object',
  additionalProperties: false,
  required: ['type', 'label'],
  properties: {
    type: str,
    label: { oneOf: [{ type: 'null' }, localized] },
    group: { type: 'string', description: 'Name of the group the question sits in.' },
    choices: { type: 'object', additionalProperties: localized },
  },
} as const;

const historyChange = {
  type: 'object',
  additionalProperties: false,
  required: ['entity', 'entityId', 'field', 'old', 'new'],
  properties: {
    entity: { type: 'string', enum: ['household', 'individual', 'membership'] },
    entityId: str,
    field: str,
    old: {},
    new: {},
  },
} as const;

export const householdPageSchema = {
  $id: `${ID_BASE}household-page.json`,
  title: 'HouseholdPage',
  type: 'object',
  additionalProperties: false,
  required: ['household', 'members', 'timeline', 'submissions', 'media', 'grievances', 'grievancesVisible', 'labels'],
  properties: {
    household: {
      type: 'object',
      additionalProperties: false,
      required: [
        'id',
        'code',
        'version',
        'size',
        'createdAt',
        'updatedAt',
        'createdBySubmission',
        'values',
        'zone',
        'zoneName',
        ...Object.keys(placeProperties),
      ],
      properties: {
        id: str,
        code: str,
        version: { type: 'integer' },
        size: { type: 'integer' },
        createdAt: str,
        updatedAt: str,
        createdBySubmission: str,
        values: { type: 'object', additionalProperties: true },
        zone: nullableStr,
        zoneName: nullableStr,
        ...placeProperties,
      },
    },
    members: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'individualId',
          'firstName',
          'lastName',
          'sex',
          'birthDate',
          'birthYear',
          'nationalId',
          'phone',
          'role',
          'relationship',
          'recipient',
          'respondent',
          'position',
          'startedAt',
          'endedAt',
          'values',
        ],
        properties: {
          individualId: str,
          firstName: nullableStr,
          lastName: nullableStr,
          sex: nullableStr,
          birthDate: nullableStr,
          birthYear: nullableInt,
          nationalId: nullableStr,
          phone: nullableStr,
          role: str,
          relationship: nullableStr,
          recipient: nullableStr,
          respondent: { type: 'boolean' },
          position: { type: 'integer' },
          startedAt: str,
          endedAt: nullableStr,
          values: { type: 'object', additionalProperties: true },
        },
      },
    },
    timeline: {
      type: 'array',
      description: 'Every approved change, newest first, grouped by the submission that made it.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['submissionId', 'householdVersion', 'at', 'approvedBy', 'changes'],
        properties: {
          submissionId: str,
          householdVersion: { type: 'integer' },
          at: str,
          approvedBy: str,
          changes: { type: 'array', items: historyChange },
        },
      },
    },
    submissions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'formId', 'status', 'receivedAt', 'enumerator', 'revisit'],
        properties: {
          id: str,
          formId: str,
          status: str,
          receivedAt: str,
          enumerator: str,
          revisit: { type: 'boolean' },
        },
      },
    },
    media: {
      type: 'array',
      description:
        'Photos and files of the records about this household that the reader may read, newest record first: the ' +
        'first of a question (the ID photo) is the current one, the others its history.',
      items: { $ref: `${ID_BASE}linked-media.json` },
    },
    grievances: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'code', 'status', 'category', 'receivedAt', 'dueAt', 'overdue', 'link'],
        properties: {
          id: str,
          code: str,
          status: str,
          category: nullableStr,
          receivedAt: str,
          dueAt: str,
          overdue: { type: 'boolean' },
          link: {
            type: 'string',
            enum: ['household_code', 'reporter_id'],
            description: 'How the ticket names this household.',
          },
        },
      },
    },
    grievancesVisible: {
      type: 'boolean',
      description: 'False when the reader may not see grievance tickets (supervisors).',
    },
    labels: { oneOf: [{ type: 'null' }, { $ref: `${ID_BASE}form-labels.json` }] },
  },
} as const;

export const locationChildrenQuerySchema = {
  $id: `${ID_BASE}location-children-query.json`,
  title: 'LocationChildrenQuery',
  type: 'object',
  additionalProperties: false,
  properties: { parent: { ...areaCode, description: 'Omit for the top of the hierarchy.' } },
} as const;

export const locationListSchema = {
  $id: `${ID_BASE}location-list.json`,
  title: 'LocationList',
  type: 'object',
  additionalProperties: false,
  required: ['parent', 'items'],
  properties: {
    parent: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['code', 'name', 'level', 'parentCode'],
          properties: { code: str, name: str, level: str, parentCode: nullableStr },
        },
      ],
    },
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name', 'level', 'isSample'],
        properties: { code: str, name: str, level: str, isSample: { type: 'boolean' } },
      },
    },
  },
} as const;

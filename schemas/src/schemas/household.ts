import { ID_BASE, areaCode, isoDateTime, uuid } from './common.js';

export const memberRoles = [
  'HEAD',
  'SPOUSE',
  'SON',
  'DAUGHTER',
  'FATHER',
  'MOTHER',
  'GRANDFATHER',
  'GRANDMOTHER',
  'OTHER',
] as const;
export const recipientKinds = ['PRIMARY', 'SECONDARY'] as const;

/**
 * A registry household as devices pull it (`households` collection): the registry slice of the user's
 * collines, with its current members, so an enumerator can revisit it offline. Maintained by the server
 * on every approved change; `version` is the registry version a revisit's `meta.subject.baseVersion` refers to.
 */
export const householdDocSchema = {
  $id: `${ID_BASE}household-doc.json`,
  title: 'HouseholdDoc',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'code', 'area', 'version', 'values', 'members', 'updatedAt', '_deleted'],
  properties: {
    id: uuid,
    code: { type: ['string', 'null'], maxLength: 32, description: 'Human-readable code given at first approval.' },
    area: { ...areaCode, description: 'Colline code.' },
    version: { type: 'integer', minimum: 1 },
    values: {
      type: 'object',
      additionalProperties: true,
      description: 'Current household-level answers by field name.',
    },
    members: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['individualId', 'role', 'recipient', 'respondent', 'values'],
        properties: {
          individualId: uuid,
          role: { type: 'string', enum: memberRoles },
          relationship: { type: 'string', maxLength: 64, description: 'Detailed relationship to the head.' },
          recipient: { type: ['string', 'null'], enum: [...recipientKinds, null] },
          respondent: { type: 'boolean' },
          values: {
            type: 'object',
            additionalProperties: true,
            description: 'Current answers of the roster questions.',
          },
        },
      },
    },
    updatedAt: isoDateTime,
    _deleted: { type: 'boolean' },
  },
} as const;

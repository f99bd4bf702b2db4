import { ID_BASE, isoDateTime, uuid } from './common.js';

/**
 * A form being filled on the device. Drafts never leave the device; finalising turns a draft into a
 * submission with the same id. A correction draft edits a returned or quarantined submission.
 */
export const draftSchema = {
  $id: `${ID_BASE}draft.json`,
  title: 'Draft',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'formId', 'formVersion', 'data', 'startedAt', 'updatedAt'],
  properties: {
    id: { ...uuid, description: 'Becomes the submission id when finalised.' },
    kind: { type: 'string', enum: ['new', 'correction'] },
    formId: { type: 'string', maxLength: 64 },
    formVersion: { type: 'string', maxLength: 64 },
    data: { type: 'object', additionalProperties: true },
    startedAt: isoDateTime,
    updatedAt: { type: 'integer', minimum: 0 },
    subject: {
      type: 'object',
      additionalProperties: false,
      required: ['householdId', 'baseVersion'],
      properties: { householdId: uuid, baseVersion: { type: 'integer', minimum: 0 } },
    },
  },
} as const;

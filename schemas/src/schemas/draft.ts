import { ID_BASE, isoDateTime, uuid } from './common.js';

/**
 * A form being filled on the device. Drafts never leave the device; finalising turns a draft into a
 * submission with the same id. A correction draft edits a returned or quarantined submission (same id as the
 * submission). A conflict copy keeps answers this device sent that lost a conflict (another correction of the
 * same record reached the server first), so nothing typed is lost on the tablet either.
 */
export const draftSchema = {
  $id: `${ID_BASE}draft.json`,
  title: 'Draft',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'submissionId', 'formId', 'formVersion', 'data', 'startedAt', 'updatedAt'],
  properties: {
    id: {
      ...uuid,
      description: 'A new or correction draft: the submission id it becomes. A conflict copy: its own id.',
    },
    kind: { type: 'string', enum: ['new', 'correction', 'conflict'] },
    submissionId: {
      ...uuid,
      description: 'The record this draft becomes (new), corrects (correction) or was sent for (conflict).',
    },
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
    conflict: {
      type: 'object',
      description: "Set on a conflict copy: what the server had when this device's answers were not applied.",
      additionalProperties: false,
      required: ['serverStatus', 'serverRev', 'at'],
      properties: {
        serverStatus: { type: 'string', maxLength: 24 },
        serverRev: { type: 'integer', minimum: 0 },
        at: isoDateTime,
      },
    },
  },
} as const;

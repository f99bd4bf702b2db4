/**
 * The local collection schemas as the first release (schema version 0 of every collection) shipped them,
 * frozen: the migration test writes data with these and opens it with the current schemas.
 * When a schema changes again, add the schemas of the release being replaced next to this file.
 */
import type { RxJsonSchema } from 'rxdb';

type Doc = Record<string, unknown>;
const MAX_TIME = 10 ** 15;

export const submissionsV0: RxJsonSchema<Doc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    formId: { type: 'string', maxLength: 64 },
    formVersion: { type: 'string', maxLength: 64 },
    data: { type: 'object' },
    meta: { type: 'object' },
    status: { type: 'string', maxLength: 24 },
    review: { type: ['object', 'null'] },
    errors: { type: 'array' },
    rev: { type: 'integer', minimum: 0, maximum: MAX_TIME, multipleOf: 1 },
    updatedAt: { type: 'integer', minimum: 0, maximum: MAX_TIME, multipleOf: 1 },
  },
  required: ['id', 'formId', 'formVersion', 'data', 'meta', 'status', 'review', 'errors', 'rev', 'updatedAt'],
  indexes: ['status', 'updatedAt'],
};

export const draftsV0: RxJsonSchema<Doc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    kind: { type: 'string', maxLength: 16 },
    formId: { type: 'string', maxLength: 64 },
    formVersion: { type: 'string', maxLength: 64 },
    data: { type: 'object' },
    startedAt: { type: 'string', maxLength: 40 },
    updatedAt: { type: 'integer', minimum: 0, maximum: MAX_TIME, multipleOf: 1 },
    subject: { type: 'object' },
  },
  required: ['id', 'kind', 'formId', 'formVersion', 'data', 'startedAt', 'updatedAt'],
  indexes: ['updatedAt'],
};

export const formsV0: RxJsonSchema<Doc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 140 },
    formId: { type: 'string', maxLength: 64 },
    version: { type: 'string', maxLength: 64 },
    status: { type: 'string', maxLength: 16 },
    publishedAt: { type: 'string', maxLength: 40 },
    definition: { type: 'object' },
  },
  required: ['id', 'formId', 'version', 'status', 'publishedAt', 'definition'],
  indexes: ['formId'],
};

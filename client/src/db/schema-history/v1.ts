/**
 * The local collection schemas of the release whose database encrypted personal fields with RxDB's crypto-js
 * plugin (database `kusanya-<user>-enc`), frozen: legacy/migrate-legacy.ts reads that database with them, and its
 * test writes one with them. Do not change them when the current schemas (collections.ts) change.
 */
import type { RxJsonSchema } from 'rxdb';

type Doc = Record<string, unknown>;
const MAX_TIME = 10 ** 15;

export const submissionsV1: RxJsonSchema<Doc> = {
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

export const draftsV1: RxJsonSchema<Doc> = {
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    kind: { type: 'string', maxLength: 16 },
    submissionId: { type: 'string', maxLength: 36 },
    formId: { type: 'string', maxLength: 64 },
    formVersion: { type: 'string', maxLength: 64 },
    data: { type: 'object' },
    startedAt: { type: 'string', maxLength: 40 },
    updatedAt: { type: 'integer', minimum: 0, maximum: MAX_TIME, multipleOf: 1 },
    subject: { type: 'object' },
    conflict: { type: 'object' },
  },
  required: ['id', 'kind', 'submissionId', 'formId', 'formVersion', 'data', 'startedAt', 'updatedAt'],
  indexes: ['updatedAt', 'submissionId', 'kind'],
};

export const formsV1: RxJsonSchema<Doc> = {
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

export const householdsV1: RxJsonSchema<Doc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    code: { type: ['string', 'null'], maxLength: 32 },
    area: { type: 'string', maxLength: 32 },
    version: { type: 'integer', minimum: 1, maximum: MAX_TIME, multipleOf: 1 },
    values: { type: 'object' },
    members: { type: 'array' },
    updatedAt: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'code', 'area', 'version', 'values', 'members', 'updatedAt'],
  indexes: ['area'],
};

/** The fields that release encrypted (RxDB `encrypted`, crypto-js AES with the database key as password). */
export const ENCRYPTED_FIELDS_V1 = {
  submissions: ['data', 'meta.gps'],
  drafts: ['data'],
  households: ['values', 'members'],
} as const;

/**
 * Storage schemas of the local collections (RxDB). The document types come from `schemas/`; these
 * literals only tell RxDB the primary key, indexes and version. Every change here bumps `version`
 * and ships a tested migration strategy.
 */
import type { DeviceMedia, Draft, FormDoc, Submission } from '@kusanya/schemas';
import type { RxJsonSchema } from 'rxdb';

const MAX_TIME = 10 ** 15;

/** RxDB keeps `_deleted` itself; local documents are the wire documents without it. */
export type Local<T> = Omit<T, '_deleted'>;

export const submissionCollectionSchema: RxJsonSchema<Local<Submission>> = {
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

/**
 * Drafts. Version 1 added `submissionId` (the record a draft becomes, corrects, or — for the new `conflict`
 * kind — keeps answers for) and `conflict`. Migration 0 → 1 in `migrations.ts`.
 */
export const draftCollectionSchema: RxJsonSchema<Draft> = {
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

export const formCollectionSchema: RxJsonSchema<Local<FormDoc>> = {
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

/**
 * Registry households of the user's collines (pulled, read-only on the device, for revisits), stored by pages of up
 * to 100 households of one colline: a first sync of thousands of households is a few dozen writes, not thousands.
 * Each page carries, sealed apart (crypto/record-cipher.ts, by households/household-pages.ts), the households
 * themselves and what the households list shows of them, so the list opens without decrypting any household.
 */
export const householdPageCollectionSchema: RxJsonSchema<HouseholdPage> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    area: { type: 'string', maxLength: 32 },
    count: { type: 'integer', minimum: 0, maximum: 1000, multipleOf: 1 },
    entries: { type: 'string' },
    households: { type: 'string' },
  },
  required: ['id', 'area', 'count', 'entries', 'households'],
};

/** A household as the list shows it. */
export interface HouseholdIndexEntry {
  id: string;
  /** The head's name (or the first member's), as the registry has it. */
  name: string;
  code: string | null;
  members: number;
}

/** A stored page of households: `entries` (HouseholdIndexEntry[]) and `households` (HouseholdDoc[]) sealed. */
export interface HouseholdPage {
  id: string;
  /** The colline of every household of the page. */
  area: string;
  count: number;
  entries: string;
  households: string;
}

/**
 * Photos, signatures, recordings and files captured on the tablet (issue 15): one document per medium of a
 * record, its bytes as the document's attachment (`bytes`), encrypted like the record's answers. Version 0.
 */
export const mediaCollectionSchema: RxJsonSchema<DeviceMedia> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 300 },
    submissionId: { type: 'string', maxLength: 36 },
    name: { type: 'string', maxLength: 255 },
    type: { type: 'string', maxLength: 127 },
    size: { type: 'integer', minimum: 1, maximum: MAX_TIME, multipleOf: 1 },
    sha256: { type: 'string', maxLength: 64 },
    field: { type: 'string', maxLength: 512 },
    createdAt: { type: 'integer', minimum: 0, maximum: MAX_TIME, multipleOf: 1 },
    state: { type: 'string', maxLength: 8 },
  },
  required: ['id', 'submissionId', 'name', 'type', 'size', 'sha256', 'field', 'createdAt', 'state'],
  indexes: ['submissionId', 'state'],
  attachments: {},
};

/**
 * Storage schemas of the local collections (RxDB), derived from the JSON Schemas in `schemas/`: each property's
 * type and required-ness come from there. What is RxDB's own stays here: the primary key, the indexes, the
 * version, and the size bounds RxDB needs on indexed and key fields where the schema sets none. Every change here
 * (including one coming from the schema) bumps `version` and ships a tested migration strategy; the test beside
 * this file fails when a derived schema changes.
 */
import {
  draftSchema,
  formDocSchema,
  householdDocSchema,
  submissionSchema,
  type Draft,
  type FormDoc,
  type HouseholdDoc,
  type Submission,
} from '@kusanya/schemas';
import type { RxJsonSchema } from 'rxdb';

const MAX_TIME = 10 ** 15;

/** RxDB keeps `_deleted` itself; local documents are the wire documents without it. */
export type Local<T> = Omit<T, '_deleted'>;

type JsonProperty = { type?: string | readonly string[]; oneOf?: readonly JsonProperty[]; $ref?: string } & {
  maxLength?: number;
  minimum?: number;
};
interface JsonObjectSchema {
  properties: Record<string, JsonProperty>;
  required: readonly string[];
}

/** RxDB's type of a property: its own, a nullable one as [type, 'null'], another schema ($ref) as an object. */
function storedType(p: JsonProperty): string | string[] {
  if (p.type !== undefined) return typeof p.type === 'string' ? p.type : [...p.type];
  if (p.$ref !== undefined) return 'object';
  const types = (p.oneOf ?? []).map(storedType).flat();
  return [...types.filter((t) => t !== 'null'), ...(types.includes('null') ? ['null'] : [])];
}

/** Derives a collection's RxDB schema from its JSON Schema; `lengths` bounds strings the schema leaves open. */
function collection<T>(
  source: JsonObjectSchema,
  storage: { version: number; primaryKey: string; indexes: string[]; lengths?: Record<string, number> },
): RxJsonSchema<T> {
  const properties: Record<string, object> = {};
  for (const [name, p] of Object.entries(source.properties)) {
    if (name === '_deleted') continue;
    const type = storedType(p);
    const base = typeof type === 'string' ? type : type[0];
    const length = p.maxLength ?? storage.lengths?.[name];
    properties[name] =
      base === 'string' && length !== undefined
        ? { type, maxLength: length }
        : base === 'integer'
          ? { type, minimum: p.minimum ?? 0, maximum: MAX_TIME, multipleOf: 1 }
          : { type };
  }
  return {
    version: storage.version,
    primaryKey: storage.primaryKey,
    type: 'object',
    properties,
    required: source.required.filter((name) => name !== '_deleted'),
    indexes: storage.indexes,
  } as unknown as RxJsonSchema<T>;
}

const UUID_LENGTH = 36;

export const submissionCollectionSchema = collection<Local<Submission>>(submissionSchema, {
  version: 0,
  primaryKey: 'id',
  indexes: ['status', 'updatedAt'],
  lengths: { id: UUID_LENGTH, formId: 64, status: 24 },
});

/**
 * Drafts. Version 1 added `submissionId` (the record a draft becomes, corrects, or — for the new `conflict`
 * kind — keeps answers for) and `conflict`. Migration 0 → 1 in `migrations.ts`.
 */
export const draftCollectionSchema = collection<Draft>(draftSchema, {
  version: 1,
  primaryKey: 'id',
  indexes: ['updatedAt', 'submissionId', 'kind'],
  lengths: { id: UUID_LENGTH, kind: 16, submissionId: UUID_LENGTH },
});

export const formCollectionSchema = collection<Local<FormDoc>>(formDocSchema, {
  version: 0,
  primaryKey: 'id',
  indexes: ['formId'],
  lengths: { formId: 64, version: 64, status: 16, publishedAt: 40 },
});

/** Registry households of the user's collines (pulled, read-only on the device), for revisits. */
export const householdCollectionSchema = collection<Local<HouseholdDoc>>(householdDocSchema, {
  version: 0,
  primaryKey: 'id',
  indexes: ['area'],
  lengths: { id: UUID_LENGTH },
});

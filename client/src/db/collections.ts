/**
 * Storage schemas of the local collections (RxDB), derived from the JSON Schemas in `schemas/`: each property's
 * type and required-ness come from there. What is RxDB's own stays here: the primary key, the indexes, the
 * version, and the size bounds RxDB needs on indexed and key fields where the schema sets none. Every change here
 * (including one coming from the schema) bumps `version` and ships a tested migration strategy; the test beside
 * this file fails when a derived schema changes.
 */
import {
  deviceMediaSchema,
  draftSchema,
  formDocSchema,
  submissionSchema,
  type DeviceMedia,
  type Draft,
  type FormDoc,
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

/*
 * The households are stored by pages (issue 19): a device-only shape (sealed strings), with no wire schema to
 * derive from, so it is written out here.
 */
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
  ...collection<DeviceMedia>(deviceMediaSchema, {
    version: 0,
    primaryKey: 'id',
    indexes: ['submissionId', 'state'],
    lengths: { submissionId: UUID_LENGTH, state: 8 },
  }),
  attachments: {},
};

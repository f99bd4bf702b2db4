import { createHash } from 'node:crypto';
import { normalizeRxJsonSchema } from 'rxdb';
import { describe, expect, it } from 'vitest';
import {
  draftCollectionSchema,
  formCollectionSchema,
  householdPageCollectionSchema,
  mediaCollectionSchema,
  submissionCollectionSchema,
} from './collections.js';

/** What RxDB compares to decide whether a stored collection's schema changed (it sorts keys first). */
const fingerprint = (schema: object) =>
  createHash('sha256')
    .update(JSON.stringify(normalizeRxJsonSchema(schema as never)))
    .digest('hex')
    .slice(0, 16);

describe('local collection schemas derived from the JSON Schemas', () => {
  // A change of any of these (a new property in schemas/, a new index) needs a version bump and a migration:
  // RxDB refuses to open a database whose stored schema differs at the same version. Update the fingerprint
  // together with the version.
  it.each([
    ['submissions', submissionCollectionSchema, 0, 'a3d9d51644d800f2'],
    ['drafts', draftCollectionSchema, 1, 'e49e747d4bb891c3'],
    ['forms', formCollectionSchema, 0, 'f943dd7147ce0168'],
    ['household pages', householdPageCollectionSchema, 0, '17cdbc99c99f5a09'],
    ['media', mediaCollectionSchema, 0, 'b5bc52f8c124d9c3'],
  ])('%s keeps its stored schema at version %i', (_name, schema, version, print) => {
    expect(schema.version).toBe(version);
    expect(fingerprint(schema)).toBe(print);
  });

  it('takes types and required fields from the schema', () => {
    expect(submissionCollectionSchema.properties.review).toEqual({ type: ['object', 'null'] });
    expect(formCollectionSchema.properties.definition).toEqual({ type: 'object' });
    expect(submissionCollectionSchema.required).not.toContain('_deleted');
    expect(draftCollectionSchema.required).not.toContain('subject');
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findMirroredTypes } from './mirrored-types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('types come from the schemas', () => {
  it('no hand-written type restates a schema (derive it: DecisionRequest, Pick<…>, Omit<…>)', () => {
    const found = findMirroredTypes(ROOT, ['schemas/src', 'shared/src', 'server/src', 'client/src', 'tools/src']);
    expect(found.map((m) => `${m.file}:${m.line} ${m.name} restates ${m.schemaType}`)).toEqual([]);
  });

  it('finds a type that restates one', () => {
    const found = findMirroredTypes(ROOT, ['schemas/scripts/fixtures']);
    expect(found.map((m) => [m.name, m.schemaType])).toEqual([
      ['DecisionInput', 'DecisionRequest'],
      ['NewUser', 'CreateUserRequest'],
      ['Checkpoint', 'Checkpoint'],
    ]);
  });
});

import { checkSubmission } from '@kusanya/schemas/validators';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { describe, expect, it } from 'vitest';
import { INPUT_PROBLEM_CODES, inputProblem, schemaProblem } from './input-problems.js';

describe('input problems', () => {
  it('carry the code and details a device words, with the English message for other clients', () => {
    expect(inputProblem('password-too-short', 'password', { min: 10 })).toEqual({
      path: 'password',
      code: 'password-too-short',
      details: { min: 10 },
      message: 'Use at least 10 characters (a short sentence is easy to remember).',
    });
    expect(inputProblem('areas-empty', 'areas', {})).toEqual({
      path: 'areas',
      code: 'areas-empty',
      message: 'Assign at least one area.',
    });
  });

  it('name a JSON Schema finding by its keyword, with the limit it states', () => {
    expect(schemaProblem('body.comment', 'maxLength', { limit: 2000 })).toMatchObject({
      code: 'too-long',
      details: { limit: 2000 },
    });
    expect(schemaProblem('body.extra', 'additionalProperties', { additionalProperty: 'extra' })).toMatchObject({
      code: 'unexpected-field',
      details: { field: 'extra' },
    });
    expect(schemaProblem('body', 'if', {})).toMatchObject({ code: 'invalid' });
  });

  it('fit the FieldError schema (kebab-case codes, flat details)', () => {
    for (const code of INPUT_PROBLEM_CODES) expect(code).toMatch(/^[a-z][a-z0-9-]*$/);
    const doc = submissionFixture({
      status: 'needs_correction',
      errors: [inputProblem('too-short', 'name', { limit: 2 }), inputProblem('required', 'age', {})],
    });
    expect(checkSubmission(doc)).toMatchObject({ ok: true });
  });
});

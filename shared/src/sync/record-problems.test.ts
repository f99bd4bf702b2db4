import { checkSubmission } from '@kusanya/schemas/validators';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { describe, expect, it } from 'vitest';
import { RECORD_PROBLEM_CODES, recordProblem } from './record-problems.js';

const outside = recordProblem('area-not-assigned', 'meta.area', {
  area: 'CL05010101',
  areaName: 'Kinyami',
  commune: 'C0501',
  communeName: 'Gitega',
});

describe('record problems', () => {
  it('name the place in words and carry the code and details a device translates', () => {
    expect(outside).toEqual({
      path: 'meta.area',
      code: 'area-not-assigned',
      message: expect.stringMatching(/^Kinyami \(commune Gitega\) is not one of your collines/),
      details: { area: 'CL05010101', areaName: 'Kinyami', commune: 'C0501', communeName: 'Gitega' },
    });
    expect(outside.message).not.toContain('CL05010101');
  });

  it('fit the envelope schema, so a device sending the record back is not refused', () => {
    const doc = submissionFixture({ status: 'needs_correction', errors: [outside] });
    expect(checkSubmission(doc)).toMatchObject({ ok: true });
  });

  it('have kebab-case codes, as the error catalogue does', () => {
    expect(RECORD_PROBLEM_CODES.length).toBeGreaterThan(0);
    for (const code of RECORD_PROBLEM_CODES) expect(code).toMatch(/^[a-z][a-z0-9-]*$/);
  });
});

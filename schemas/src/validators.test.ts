import { describe, expect, it } from 'vitest';
import { checkSubmission } from './validators.js';

const valid = {
  id: '01936f3e-8b2a-7c3d-9e4f-0123456789ab',
  formId: 'household_survey',
  formVersion: '1',
  data: { head_name: 'Ndayishimiye' },
  meta: {
    enumeratorId: '01936f3e-8b2a-7c3d-9e4f-0123456789ac',
    deviceId: 'tablet-1',
    startedAt: '2026-11-24T08:00:00.000Z',
    finalizedAt: '2026-11-24T08:20:00.000Z',
    area: 'CL-0101',
  },
  status: 'submitted',
  review: null,
  errors: [],
  rev: 1,
  updatedAt: 1_764_000_000_000,
  _deleted: false,
};

describe('checkSubmission (precompiled)', () => {
  it('accepts a complete envelope', () => {
    expect(checkSubmission(valid)).toEqual({ ok: true, value: valid });
  });

  it('names the missing and wrong fields with readable paths', () => {
    const { meta, ...noMeta } = valid;
    const result = checkSubmission({
      ...noMeta,
      status: 'done',
      meta: { ...meta, area: undefined, gps: { lat: 95, lon: 0, accuracy: 3 } },
    });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['meta.area', 'meta.gps.lat', 'status']));
  });

  it('refuses unknown top-level properties', () => {
    expect(checkSubmission({ ...valid, extra: 1 }).ok).toBe(false);
  });
});

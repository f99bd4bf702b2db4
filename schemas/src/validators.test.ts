import { describe, expect, it } from 'vitest';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { checkSubmission } from './validators.js';

const valid = submissionFixture({
  id: '01936f3e-8b2a-7c3d-9e4f-0123456789ab',
  data: { head_name: 'Ndayishimiye' },
  meta: { deviceId: 'tablet-1', finalizedAt: '2026-11-24T08:20:00.000Z', area: 'CL-0101' },
  updatedAt: 1_764_000_000_000,
});

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

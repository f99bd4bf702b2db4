import type { Submission } from '@kusanya/schemas';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { canonicalJson, sameDeviceContent, serverOwnedViolation } from './protocol.js';

const base: Submission = submissionFixture({
  id: '01936f3e-8b2a-7c3d-9e4f-0123456789ab',
  data: { a: 1, members: [{ name: 'X' }] },
  meta: { deviceId: 'd1' },
  updatedAt: 1,
});

describe('canonicalJson', () => {
  it('ignores key order and undefined values', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe(canonicalJson({ a: [1, { d: 2 }], b: 1 }));
  });

  it('is valid JSON of the same value, with sorted keys, whatever the key order', () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value) ?? 'null'));
        expect(canonicalJson(reversed(value))).toBe(text);
      }),
    );
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}');
  });
});

describe('serverOwnedViolation', () => {
  it('accepts a new record that leaves server fields alone', () => {
    expect(serverOwnedViolation(null, base)).toBeNull();
  });

  it('refuses a device approving its own record', () => {
    expect(serverOwnedViolation(null, { ...base, status: 'approved' })).toMatch(/approved/);
    expect(serverOwnedViolation(base, { ...base, review: { by: 'me', at: '2026-11-24T08:10:00.000Z' } })).toMatch(
      /review/,
    );
    expect(serverOwnedViolation(base, { ...base, errors: [{ path: 'a', message: 'x' }] })).toMatch(/errors/);
  });

  it('allows resubmitting a returned record, keeping the review it came back with', () => {
    const returned: Submission = {
      ...base,
      status: 'returned',
      review: { by: 'sup', at: '2026-11-24T09:00:00.000Z', decision: 'return', comment: 'fix age' },
    };
    expect(serverOwnedViolation(returned, { ...returned, status: 'submitted' })).toBeNull();
    expect(serverOwnedViolation({ ...base, status: 'approved' }, { ...base, status: 'submitted' })).toMatch(
      /submitted/,
    );
  });
});

describe('sameDeviceContent', () => {
  it('compares answers and meta, not server fields', () => {
    expect(sameDeviceContent(base, { ...base, status: 'needs_correction', rev: 3 })).toBe(true);
    expect(sameDeviceContent(base, { ...base, data: { a: 2, members: [] } })).toBe(false);
  });
});

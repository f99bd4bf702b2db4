import type { Submission } from '@kusanya/schemas';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { resolveSubmissionConflict, sameSubmission } from './conflict.js';
import { canonicalJson, RESUBMITTABLE_STATUSES } from './protocol.js';

const base: Submission = submissionFixture({
  id: '01936f3e-8b2a-7c3d-9e4f-0123456789ab',
  data: { respondent: 'A' },
  meta: { deviceId: 'd1' },
  updatedAt: 1,
});
const review = { by: 'sup', at: '2026-11-25T10:00:00.000Z', decision: 'return' as const, comment: 'Check the ages' };

describe('resolveSubmissionConflict', () => {
  it('takes the server state when the answers are the same (e.g. the server reviewed it)', () => {
    const master = { ...base, status: 'pending_review' as const, rev: 2 };
    expect(resolveSubmissionConflict({ newDocumentState: base, realMasterState: master })).toEqual({
      doc: master,
      deviceEditKept: true,
    });
  });

  it('keeps the device answers of a correction to a returned record, with the server review fields', () => {
    const master = { ...base, status: 'returned' as const, review, rev: 4 };
    const local = { ...base, status: 'submitted' as const, data: { respondent: 'Corrected' }, rev: 3, updatedAt: 9 };
    const { doc, deviceEditKept } = resolveSubmissionConflict({ newDocumentState: local, realMasterState: master });
    expect(deviceEditKept).toBe(true);
    expect(doc).toEqual({ ...master, data: { respondent: 'Corrected' }, status: 'submitted', updatedAt: 9 });
  });

  it('lets the server win over an edit of a record already resubmitted elsewhere, and says so', () => {
    const master = { ...base, status: 'pending_review' as const, data: { respondent: 'Other device' }, rev: 5 };
    const local = { ...base, status: 'submitted' as const, data: { respondent: 'This device' }, rev: 4 };
    expect(resolveSubmissionConflict({ newDocumentState: local, realMasterState: master })).toEqual({
      doc: master,
      deviceEditKept: false,
    });
  });

  it('keeps the device answers of a correction of a quarantined record', () => {
    const master = {
      ...base,
      status: 'needs_correction' as const,
      errors: [{ path: 'respondent', message: 'too short' }],
      rev: 2,
    };
    const local = { ...base, status: 'submitted' as const, data: { respondent: 'Fixed' }, rev: 2 };
    const { doc, deviceEditKept } = resolveSubmissionConflict({ newDocumentState: local, realMasterState: master });
    expect(deviceEditKept).toBe(true);
    expect(doc).toMatchObject({ status: 'submitted', errors: master.errors, rev: 2, data: { respondent: 'Fixed' } });
  });

  it('keeps the device answers when the supervisor returned the record again meanwhile, with the new comment', () => {
    const master = {
      ...base,
      status: 'returned' as const,
      review: { ...review, comment: 'Also check the phone' },
      rev: 6,
    };
    const local = { ...base, status: 'submitted' as const, review, data: { respondent: 'Corrected' }, rev: 4 };
    const { doc, deviceEditKept } = resolveSubmissionConflict({ newDocumentState: local, realMasterState: master });
    expect(deviceEditKept).toBe(true);
    expect(doc.review?.comment).toBe('Also check the phone');
    expect(doc.rev).toBe(6);
  });

  it('does not let a device delete a record the server has moved on, and says so', () => {
    const master = { ...base, status: 'approved' as const, rev: 5 };
    expect(
      resolveSubmissionConflict({ newDocumentState: { ...base, _deleted: true }, realMasterState: master }),
    ).toEqual({ doc: master, deviceEditKept: false });
  });
});

const statuses = ['submitted', 'needs_correction', 'pending_review', 'approved', 'rejected', 'returned'] as const;
const arbitrarySubmission = fc
  .record({
    data: fc.dictionary(fc.constantFrom('respondent', 'phone', 'members'), fc.oneof(fc.string(), fc.integer())),
    status: fc.constantFrom(...statuses),
    review: fc.option(
      fc.record({
        by: fc.constantFrom('sup1', 'sup2'),
        at: fc.constant('2026-11-25T10:00:00.000Z'),
        comment: fc.string(),
      }),
      { nil: null },
    ),
    errors: fc.array(fc.record({ path: fc.constantFrom('a', 'b'), message: fc.string() }), { maxLength: 2 }),
    rev: fc.integer({ min: 1, max: 50 }),
    updatedAt: fc.integer({ min: 0, max: 10 ** 12 }),
    _deleted: fc.boolean(),
  })
  .map((over): Submission => ({ ...base, ...over }));

describe('resolveSubmissionConflict, for any pair of states', () => {
  it('takes status, review, errors and rev from the server, and never drops the device answers without saying so', () => {
    fc.assert(
      fc.property(arbitrarySubmission, arbitrarySubmission, (local, master) => {
        const { doc, deviceEditKept } = resolveSubmissionConflict({ newDocumentState: local, realMasterState: master });
        expect(doc.review).toEqual(master.review);
        expect(doc.errors).toEqual(master.errors);
        expect(doc.rev).toBe(master.rev);
        expect(
          doc.status === master.status || (doc.status === 'submitted' && RESUBMITTABLE_STATUSES.has(master.status)),
        ).toBe(true);
        const deviceAnswersSurvive =
          canonicalJson(doc.data) === canonicalJson(local.data) && doc._deleted === local._deleted;
        expect(deviceAnswersSurvive || !deviceEditKept).toBe(true);
      }),
    );
  });

  it('is stable: resolving its own result against the same server state changes nothing (no push loop)', () => {
    fc.assert(
      fc.property(arbitrarySubmission, arbitrarySubmission, (local, master) => {
        const first = resolveSubmissionConflict({ newDocumentState: local, realMasterState: master }).doc;
        const again = resolveSubmissionConflict({ newDocumentState: first, realMasterState: master });
        expect(again.doc).toEqual(first);
        expect(again.deviceEditKept).toBe(true);
      }),
    );
  });
});

describe('sameSubmission', () => {
  it('sees a status change as a difference', () => {
    expect(sameSubmission(base, { ...base })).toBe(true);
    expect(sameSubmission(base, { ...base, status: 'pending_review' })).toBe(false);
  });
});

import type { Submission } from '@kusanya/schemas';
import { describe, expect, it } from 'vitest';
import { resolveSubmissionConflict, sameSubmission } from './conflict.js';

const base: Submission = {
  id: '01936f3e-8b2a-7c3d-9e4f-0123456789ab',
  formId: 'household_survey',
  formVersion: '1',
  data: { respondent: 'A' },
  meta: {
    enumeratorId: '01936f3e-8b2a-7c3d-9e4f-0123456789ac',
    deviceId: 'd1',
    startedAt: '2026-11-24T08:00:00.000Z',
    finalizedAt: '2026-11-24T08:10:00.000Z',
    area: 'CL03010101',
  },
  status: 'submitted',
  review: null,
  errors: [],
  rev: 1,
  updatedAt: 1,
  _deleted: false,
};
const review = { by: 'sup', at: '2026-11-25T10:00:00.000Z', decision: 'return' as const, comment: 'Check the ages' };

describe('resolveSubmissionConflict', () => {
  it('takes the server state when the answers are the same (e.g. the server reviewed it)', () => {
    const master = { ...base, status: 'pending_review' as const, rev: 2 };
    expect(resolveSubmissionConflict({ newDocumentState: base, realMasterState: master })).toEqual({ doc: master, deviceEditKept: true });
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
    expect(resolveSubmissionConflict({ newDocumentState: local, realMasterState: master })).toEqual({ doc: master, deviceEditKept: false });
  });
});

describe('sameSubmission', () => {
  it('sees a status change as a difference', () => {
    expect(sameSubmission(base, { ...base })).toBe(true);
    expect(sameSubmission(base, { ...base, status: 'pending_review' })).toBe(false);
  });
});

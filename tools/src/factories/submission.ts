import type { Submission } from '@kusanya/schemas';
import { v7 } from 'uuid';

/** Any field of the envelope, and any field of its `meta` (the rest of `meta` is kept). */
export type SubmissionOverrides = Partial<Omit<Submission, 'meta'>> & { meta?: Partial<Submission['meta']> };

/** The enumerator of the default fixture (a fixed UUIDv7, so expected values can name it). */
export const FIXTURE_ENUMERATOR = '01936f3e-8b2a-7c3d-9e4f-0123456789ac';

/**
 * The tests' one Submission (DESIGN.md §2): a record as a device finalises it — a household survey of the
 * demo enumerator's first colline, waiting to be sent, answers empty — with any field replaced by `over`.
 * Each call has a new UUIDv7 unless `over.id` is given. Answers valid for a real form come from the callers
 * (sampleHousehold, syntheticHouseholdAnswers, the e2e household data).
 */
export function submissionFixture(over: SubmissionOverrides = {}): Submission {
  const { meta, ...rest } = over;
  return {
    id: v7(),
    formId: 'household_survey',
    formVersion: '1',
    data: {},
    meta: {
      enumeratorId: FIXTURE_ENUMERATOR,
      deviceId: 'test-device',
      startedAt: '2026-11-24T08:00:00.000Z',
      finalizedAt: '2026-11-24T08:10:00.000Z',
      area: 'CL03010101',
      ...meta,
    },
    status: 'submitted',
    review: null,
    errors: [],
    rev: 1,
    updatedAt: Date.parse('2026-11-24T08:10:00.000Z'),
    _deleted: false,
    ...rest,
  };
}

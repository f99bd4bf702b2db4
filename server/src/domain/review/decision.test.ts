import type { Submission } from '@kusanya/schemas';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../errors.js';
import { decidedState, reviewStep } from './decision.js';

const waiting = (over: Partial<Submission> = {}): Submission => ({
  ...submissionFixture(),
  status: 'pending_review',
  rev: 3,
  ...over,
});
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as AppError).code;
  }
  return null;
};

describe('the review state machine', () => {
  it('decides a record waiting for review at the revision the reviewer saw', () => {
    expect(reviewStep(waiting(), { decision: 'approve', rev: 3 })).toBe('decide');
  });
  it('answers 409 when the record moved since it was opened, or is no longer waiting', () => {
    expect(codeOf(() => reviewStep(waiting(), { decision: 'approve', rev: 2 }))).toBe('conflict');
    expect(codeOf(() => reviewStep(waiting({ status: 'submitted' }), { decision: 'reject', rev: 3 }))).toBe('conflict');
    expect(codeOf(() => reviewStep(waiting({ status: 'needs_correction' }), { decision: 'approve', rev: 3 }))).toBe(
      'not-approvable',
    );
  });
  it('takes the same decision twice as a no-op', () => {
    const returned = waiting({
      status: 'returned',
      review: { by: 'sup', at: '2026-01-01T00:00:00Z', decision: 'return' },
    });
    expect(reviewStep(returned, { decision: 'return', rev: 1 })).toBe('unchanged');
  });
  it('gives the decided record its status, review and next revision', () => {
    const at = new Date('2026-05-04T10:00:00.000Z');
    const next = decidedState(waiting(), { decision: 'return', comment: '  Photo blurred ' }, { username: 'sup' }, at);
    expect(next).toMatchObject({
      status: 'returned',
      rev: 4,
      updatedAt: at.getTime(),
      review: { by: 'sup', at: at.toISOString(), decision: 'return', comment: 'Photo blurred' },
    });
  });
});

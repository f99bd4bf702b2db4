import { submissionFixture } from '@kusanya/tools/factories/submission';
import { describe, expect, it } from 'vitest';
import type { IntakeAnalysis } from '../intake-analysis.js';
import { thenOnEach, type Processed, type SubmissionProcessor } from './submission-processor.js';

describe('thenOnEach', () => {
  it("hands the processor its author and the intake worker's analysis, then runs the follow-up on the document", () => {
    const calls: unknown[][] = [];
    const followed: string[] = [];
    const answer: Processed = { status: 'pending_review', errors: [] };
    const process: SubmissionProcessor = (...args) => {
      calls.push(args);
      return answer;
    };
    const doc = submissionFixture({ id: '01936f3e-8b2a-7c3d-9e4f-0123456789ab' });
    const at = new Date('2026-12-06T10:00:00Z');
    const author = { areas: ['CL03010101'] };
    const analysis = { marker: 'computed on the intake worker' } as unknown as IntakeAnalysis;

    const result = thenOnEach(process, (d) => followed.push(d.id))(doc, at, author, analysis);

    expect(result).toBe(answer);
    expect(calls).toEqual([[doc, at, author, analysis]]);
    expect(calls[0]![3]).toBe(analysis);
    expect(followed).toEqual([doc.id]);
  });
});

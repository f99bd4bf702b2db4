import { describe, expect, it } from 'vitest';
import { decisionProblems } from './decision.js';

describe('decisionProblems (the panel and the server)', () => {
  it('lets an approval through with nothing else', () => {
    expect(decisionProblems({ decision: 'approve' })).toEqual([]);
  });
  it('asks a rejection for a reason from the list', () => {
    expect(decisionProblems({ decision: 'reject' })).toEqual([
      { path: 'reason', message: expect.stringContaining('DUPLICATE') },
    ]);
    expect(decisionProblems({ decision: 'reject', reason: 'BECAUSE' })[0]?.path).toBe('reason');
    expect(decisionProblems({ decision: 'reject', reason: 'DUPLICATE' })).toEqual([]);
  });
  it('asks a return for a comment that is more than spaces', () => {
    expect(decisionProblems({ decision: 'return', comment: '   ' })).toEqual([
      { path: 'comment', message: 'required' },
    ]);
    expect(decisionProblems({ decision: 'return', comment: 'Photo is blurred' })).toEqual([]);
  });
});

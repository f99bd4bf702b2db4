import { describe, expect, it } from 'vitest';
import { finishedFrom, finishMessage } from './FinishFlash.js';

const done = { kind: 'done', id: 'r1' } as const;

describe('the message after finishing a record follows its real state', () => {
  it('offline: it waits for a connection', () => {
    expect(finishMessage(done, 'submitted', { online: false, active: false })).toBe('form.finalized');
    expect(finishMessage({ kind: 'corrected', id: 'r1' }, 'submitted', { online: false, active: false })).toBe(
      'correction.done',
    );
  });

  it('online: being sent, then sent (never "will be sent" once the server has it)', () => {
    expect(finishMessage(done, 'submitted', { online: true, active: true })).toBe('finish.sending');
    expect(finishMessage(done, 'pending_review', { online: true, active: false })).toBe('finish.sent');
    expect(finishMessage(done, 'approved', { online: false, active: false })).toBe('finish.sent');
  });

  it('back for correction: says so', () => {
    expect(finishMessage(done, 'needs_correction', { online: true, active: false })).toBe('finish.needsCorrection');
  });

  it('reads what was finished from the address', () => {
    expect(finishedFrom(new URLSearchParams('done=abc'))).toEqual({ kind: 'done', id: 'abc' });
    expect(finishedFrom(new URLSearchParams('kept=1'))).toEqual({ kind: 'kept' });
    expect(finishedFrom(new URLSearchParams('show=attention'))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { canTransition, dueDate, SENSITIVE_CATEGORIES, slaDays, statusChangeProblems } from './rules.js';

describe('grievance rules', () => {
  it('sets due dates from the category SLA', () => {
    const received = new Date('2026-11-24T10:00:00Z');
    expect(dueDate(received, 'VIOLENCE_GBV').toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(slaDays('CORRUPTION')).toBe(3);
    expect(slaDays('EXCLUSION_ERROR')).toBe(4);
    expect(slaDays('PAYMENT')).toBe(5);
    expect(slaDays(undefined)).toBe(5);
  });

  it('marks GBV, corruption, accident, discrimination and mental illness as sensitive', () => {
    expect([...SENSITIVE_CATEGORIES].sort()).toEqual([
      'ACCIDENT_NEGLIGENCE',
      'CORRUPTION',
      'DISCRIMINATION',
      'MENTAL_ILLNESS',
      'VIOLENCE_GBV',
    ]);
  });

  it('allows only the documented transitions, and reopening', () => {
    expect(canTransition('RECEIVED', 'OPEN')).toBe(true);
    expect(canTransition('RECEIVED', 'RESOLVED')).toBe(false);
    expect(canTransition('RESOLVED', 'OPEN')).toBe(true);
    expect(canTransition('CLOSED', 'OPEN')).toBe(true);
    expect(canTransition('CLOSED', 'IN_PROGRESS')).toBe(false);
  });
});

describe('statusChangeProblems (the ticket screen and the server)', () => {
  it('asks a resolution for its comment, and a reopening for its reason', () => {
    expect(statusChangeProblems('IN_PROGRESS', { to: 'RESOLVED' })).toEqual([{ path: 'comment', message: 'required' }]);
    expect(statusChangeProblems('IN_PROGRESS', { to: 'RESOLVED', comment: ' ' })).toHaveLength(1);
    expect(statusChangeProblems('CLOSED', { to: 'OPEN' })).toHaveLength(1);
    expect(statusChangeProblems('RESOLVED', { to: 'OPEN' })).toHaveLength(1);
    expect(statusChangeProblems('IN_PROGRESS', { to: 'RESOLVED', comment: 'Paid on 3 May' })).toEqual([]);
  });
  it('needs no comment to open or start a case', () => {
    expect(statusChangeProblems('RECEIVED', { to: 'OPEN' })).toEqual([]);
    expect(statusChangeProblems('OPEN', { to: 'IN_PROGRESS' })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { canTransition, dueDate, SENSITIVE_CATEGORIES, slaDays } from './rules.js';

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

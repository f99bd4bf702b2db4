import { describe, expect, it } from 'vitest';
import { addSums, measureValue, progressOf, quarterOf, quartersBetween, ZERO } from './measures.js';

describe('indicator measures', () => {
  it('works in quarters', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-09-30')).toBe('2026-Q3');
    expect(quartersBetween('2025-Q3', '2026-Q2')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(quartersBetween('2026-Q2', '2026-Q1')).toEqual([]);
  });

  it('computes sums, participants, payment rate and progress', () => {
    const s = addSums(
      { ...ZERO, participantsMen: 10, participantsWomen: 15, amountPlanned: 200, amountPaid: 150 },
      { ...ZERO, participantsWomen: 5, amountPlanned: 100, amountPaid: 100 },
    );
    expect(measureValue('participants', s)).toBe(30);
    expect(measureValue('participants_women', s)).toBe(20);
    expect(measureValue('payment_rate', s)).toBe(83.3);
    expect(measureValue('payment_rate', ZERO)).toBeNull();
    expect(progressOf(30, 40)).toBe(75);
    expect(progressOf(30, null)).toBeNull();
    expect(progressOf(null, 40)).toBeNull();
  });
});

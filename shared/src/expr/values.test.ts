import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareValues, dateFromDays, parseDate, toNumber, toText, valuesEqual } from './values.js';

describe('dates', () => {
  it('agrees with the JavaScript calendar for every day from 1900 to 2100', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const parsed = parseDate(iso);
          expect(parsed?.days).toBe(
            Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / 86_400_000),
          );
          expect(dateFromDays(parsed!.days)?.iso).toBe(iso);
        },
      ),
    );
  });

  it('rejects impossible or malformed dates and ignores a time part', () => {
    for (const bad of [
      '2023-02-29',
      '2024-13-01',
      '2024-04-31',
      '2024-00-10',
      '24-01-01',
      '2024/01/01',
      '2024-01-01x',
      'abcd-ef-gh',
      '',
    ]) {
      expect(parseDate(bad), bad).toBeNull();
    }
    expect(parseDate('2024-02-29')?.iso).toBe('2024-02-29');
    expect(parseDate('2000-02-29')).not.toBeNull();
    expect(parseDate('1900-02-29')).toBeNull();
    expect(parseDate('2026-11-24T10:15:00+02:00')?.iso).toBe('2026-11-24');
  });
});

describe('conversions', () => {
  it('reads numbers from text like XPath', () => {
    expect(toNumber(' 42 ')).toBe(42);
    expect(toNumber('-3.5')).toBe(-3.5);
    expect(Number.isNaN(toNumber('1e3'))).toBe(true);
    expect(Number.isNaN(toNumber(''))).toBe(true);
    expect(toNumber(true)).toBe(1);
    expect(toNumber(['7'])).toBe(7);
  });

  it('writes numbers without exponent surprises for usual values', () => {
    expect(toText(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(toText(-0)).toBe('0');
    expect(toText(12)).toBe('12');
  });

  it('compares dates with date strings, and date strings with each other', () => {
    const d = parseDate('2026-01-15')!;
    expect(valuesEqual(d, '2026-01-15')).toBe(true);
    expect(compareValues('<', d, '2026-02-01')).toBe(true);
    expect(compareValues('>', '2026-03-01', '2026-02-28')).toBe(true);
    expect(compareValues('<', d, 'soon')).toBe(false);
  });
});

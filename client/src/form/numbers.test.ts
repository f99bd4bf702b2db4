import { describe, expect, it } from 'vitest';
import { parseNumber } from './numbers.js';

describe('parseNumber', () => {
  it('reads numbers as typed on a French keyboard', () => {
    expect(parseNumber('12')).toBe(12);
    expect(parseNumber('25,5')).toBe(25.5);
    expect(parseNumber('1 000 000')).toBe(1_000_000);
    expect(parseNumber('12,')).toBe(12);
    expect(parseNumber('-3')).toBe(-3);
  });

  it('leaves an empty field unanswered and hands anything else over as typed', () => {
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('  ')).toBeUndefined();
    expect(parseNumber('douze')).toBe('douze');
    expect(parseNumber('1.2.3')).toBe('1.2.3');
  });
});

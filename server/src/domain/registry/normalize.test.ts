import { describe, expect, it } from 'vitest';
import { birthYear, normalizeName, normalizeNationalId } from './normalize.js';

describe('normalizeName', () => {
  it('ignores case, accents, punctuation and spacing', () => {
    expect(normalizeName('  Élysée ', "N'DAYISHIMIYE")).toBe(normalizeName('elysee', 'ndayishimiye'));
    expect(normalizeName('Jean-Marie', 'Niyonzima')).toBe(normalizeName('Jean Marie', 'NIYONZIMA'));
  });

  it('matches family-name-first and given-name-first writing', () => {
    expect(normalizeName('Ndayishimiye Jean')).toBe(normalizeName('Jean', 'Ndayishimiye'));
  });

  it('unifies French transcriptions of Kirundi names and doubled letters', () => {
    expect(normalizeName('Nkourounziza')).toBe(normalizeName('Nkurunziza'));
    expect(normalizeName('Hakizimanna')).toBe(normalizeName('Hakizimana'));
    expect(normalizeName('Philomène')).toBe(normalizeName('Filomene'));
  });

  it('keeps different names different', () => {
    expect(normalizeName('Irakoze', 'Aline')).not.toBe(normalizeName('Irakoze', 'Alice'));
  });
});

describe('normalizeNationalId', () => {
  it('keeps letters and digits only', () => {
    expect(normalizeNationalId(' 12/345.678-9 ')).toBe('123456789');
    expect(normalizeNationalId('ab 12 34')).toBe('AB1234');
  });

  it('treats too-short or missing IDs as absent', () => {
    expect(normalizeNationalId('12')).toBeNull();
    expect(normalizeNationalId(undefined)).toBeNull();
  });
});

describe('birthYear', () => {
  it('reads a date of birth or estimates from an age', () => {
    const at = new Date('2026-11-24T00:00:00Z');
    expect(birthYear('1980-03-01', undefined, at)).toBe(1980);
    expect(birthYear(undefined, 40, at)).toBe(1986);
    expect(birthYear('unknown', 'forty', at)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { buildSearchMatch, nameKey, searchWords, withinPlaces } from './search-query.js';

describe('registry search expressions', () => {
  it('reduces input to plain words: case, accents and separators do not matter', () => {
    expect(searchWords("  Thérèse N'DAYISHIMIYÉ ")).toEqual(['therese', 'ndayishimiye']);
    expect(searchWords('0123/456.789')).toEqual(['0123', '456', '789']);
    expect(nameKey('NDAYISHIMIYE', 'Jean')).toBe(nameKey('jean ndayishimiye'));
  });

  it('tries the exact identifier first when digits are typed, then words, then beginnings', () => {
    const { tiers } = buildSearchMatch('0123/456')!;
    expect(tiers[0]).toBe('ids : "0123456"');
    expect(tiers[1]).toBeNull();
    expect(tiers[2]).toContain('NOT ((ids : "0123456"))');
    expect(tiers[3]).toContain('"0123"*');
    expect(tiers[3]).toContain('ids : "0123456"*');
  });

  it('tries the full name in any order for two words or more, with transcription variants', () => {
    const { tiers } = buildSearchMatch('Nkourounziza Jean')!;
    expect(tiers[0]).toBeNull();
    expect(tiers[1]).toBe(`ids : "${nameKey('jean nkurunziza')}"`);
    expect(tiers[2]).toContain('("nkourounziza" OR "nkurunziza")');
    expect(tiers[3]).toContain('"nkurunziza"*');
  });

  it('needs two letters or digits, and ignores a lone trailing letter as a prefix', () => {
    expect(buildSearchMatch('a')).toBeNull();
    expect(buildSearchMatch(' -- ')).toBeNull();
    expect(buildSearchMatch('jean n')!.tiers[3]).toBe(
      '(({name ids} : ("jean"*))) NOT ((ids : "jeann") OR ({name ids} : ("jean" AND "n")))',
    );
  });

  it('restricts to places by their codes', () => {
    expect(withinPlaces('x', ['C0301', 'CL03010101'])).toBe('(x) AND place : ("c0301" OR "cl03010101")');
    expect(withinPlaces('x', [])).toBe('x');
  });
});

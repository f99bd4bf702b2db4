import { describe, expect, it } from 'vitest';
import { fold, HouseholdIndex } from './household-index.js';

const entry = (id: string, name: string, code: string | null = null) => ({ id, name, code, members: 3 });

describe('HouseholdIndex', () => {
  it('lists households by name whatever their page, and finds them without accents or capitals', () => {
    const index = new HouseholdIndex();
    index.setPage({ id: 'p1', area: 'CL03010101' }, [
      entry('a', 'Ndayishimiyé Jean', '2026-P03-000001'),
      entry('b', 'Bizimana Aline'),
    ]);
    index.setPage({ id: 'p2', area: 'CL03010102' }, [entry('c', 'Hakizimana Éric')]);
    expect(index.all().map((h) => h.id)).toEqual(['b', 'c', 'a']);
    expect(index.search('ndayishimiye').map((h) => h.id)).toEqual(['a']);
    expect(index.search('  ERIC ').map((h) => h.id)).toEqual(['c']);
    expect(index.search('p03-000001').map((h) => h.id)).toEqual(['a']);
    expect(index.search('')).toHaveLength(3);
    expect(index.locate('c')).toMatchObject({ page: 'p2', area: 'CL03010102' });
    expect(fold('Ndayishimiyé')).toBe('ndayishimiye');
  });

  it('follows a household that moved to another page, and forgets a page removed', () => {
    const index = new HouseholdIndex();
    index.setPage({ id: 'p1', area: 'A' }, [entry('a', 'Alpha'), entry('b', 'Beta')]);
    // "b" moved to p2 (another colline); p1 is written again without it — in either order.
    index.setPage({ id: 'p2', area: 'B' }, [entry('b', 'Beta')]);
    index.setPage({ id: 'p1', area: 'A' }, [entry('a', 'Alpha')]);
    expect(index.locate('b')).toMatchObject({ page: 'p2', area: 'B' });
    expect(index.size).toBe(2);
    index.removePage('p1');
    expect(index.all().map((h) => h.id)).toEqual(['b']);
  });
});

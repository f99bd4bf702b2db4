/**
 * The households list in memory: one entry per registry household on the tablet (name, code, members), known by
 * the page that stores it, with what search and sorting need worked out once per entry. Pure bookkeeping:
 * household-store.ts fills it from the stored pages.
 */
import type { HouseholdDoc } from '@kusanya/schemas';
import type { HouseholdIndexEntry, Local } from '../db/collections.js';

/** Lower case, accents and other marks removed: "Ndayishimiyé" → "ndayishimiye". */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** The name the list shows: the head's (or the first member's) first and last names. */
export function headName(household: Pick<HouseholdDoc, 'members'>): string {
  const head = household.members.find((m) => m.role === 'HEAD') ?? household.members[0];
  return head ? [head.values['first_name'], head.values['last_name']].filter(Boolean).join(' ') : '';
}

export function indexEntry(household: Local<HouseholdDoc>): HouseholdIndexEntry {
  return { id: household.id, name: headName(household), code: household.code, members: household.members.length };
}

/** An entry as the screen uses it. */
export interface ListedHousehold extends HouseholdIndexEntry {
  area: string;
  /** The stored page that holds the household. */
  page: string;
  /** Folded name then code: the order of the list. */
  sortKey: string;
  /** Folded name and code: what a search matches. */
  searchText: string;
}

const byKey = (a: ListedHousehold, b: ListedHousehold) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0);

export class HouseholdIndex {
  private readonly byPage = new Map<string, ListedHousehold[]>();
  private readonly byId = new Map<string, ListedHousehold>();
  private sorted: readonly ListedHousehold[] | null = null;

  /** Sets what a stored page holds (replacing what it held). */
  setPage(page: { id: string; area: string }, entries: readonly Readonly<HouseholdIndexEntry>[]): void {
    this.removePage(page.id);
    const listed = entries.map((entry): ListedHousehold => {
      const name = fold(entry.name);
      const code = entry.code ? fold(entry.code) : '';
      return {
        ...entry,
        area: page.area,
        page: page.id,
        sortKey: `${name}\u0000${code}`,
        searchText: `${name} ${code}`,
      };
    });
    for (const household of listed) this.byId.set(household.id, household);
    this.byPage.set(page.id, listed);
    this.sorted = null;
  }

  removePage(pageId: string): void {
    for (const household of this.byPage.get(pageId) ?? []) {
      if (this.byId.get(household.id)?.page === pageId) this.byId.delete(household.id);
    }
    if (this.byPage.delete(pageId)) this.sorted = null;
  }

  /** Where a household is stored, if it is on the tablet. */
  locate(id: string): ListedHousehold | undefined {
    return this.byId.get(id);
  }

  /** Every household on the tablet, by name. */
  all(): readonly ListedHousehold[] {
    this.sorted ??= [...this.byId.values()].sort(byKey);
    return this.sorted;
  }

  /** The households whose name or code contains `query` (accents and capitals ignored), by name. */
  search(query: string): readonly ListedHousehold[] {
    const q = fold(query.trim());
    return q ? this.all().filter((h) => h.searchText.includes(q)) : this.all();
  }

  get size(): number {
    return this.byId.size;
  }
}

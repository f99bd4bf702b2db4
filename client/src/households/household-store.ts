/**
 * The registry households on the tablet (pulled for revisits) and their list. Households are stored by pages of a
 * colline (household-pages.ts), each page sealed with the user's key and carrying the list entries of its
 * households: a first sync of an area is a few dozen writes, the list opens by decrypting one small part per page,
 * and a revisit opens one page. Writes go through here one at a time; the list is loaded once per app start and
 * kept in memory, up to date with this store's writes and other tabs' (change events).
 */
import type { HouseholdDoc } from '@kusanya/schemas';
import { BehaviorSubject, type Subscription } from 'rxjs';
import { v7 } from 'uuid';
import type { RecordCipher } from '../crypto/record-cipher.js';
import type { HouseholdPage, Local } from '../db/collections.js';
import type { KusanyaDatabase } from '../db/database.js';
import { HouseholdIndex, indexEntry } from './household-index.js';
import { openEntries, openPage, PAGE_SIZE, sealPage, type OpenPage } from './household-pages.js';

/** A household as the server sends it (a tombstone has `_deleted: true`). */
export type PulledHousehold = HouseholdDoc;

export class HouseholdStore {
  /** Bumped whenever the list changes (after it was first loaded). */
  readonly version$ = new BehaviorSubject(0);
  private index: Promise<HouseholdIndex> | null = null;
  /** Per colline, the page new households go to while it has room (kept in clear: no need to open it again). */
  private readonly filling = new Map<string, OpenPage>();
  private queue: Promise<unknown> = Promise.resolve();
  private ownWrites = 0;
  private readonly subscription: Subscription;

  constructor(
    private readonly db: KusanyaDatabase,
    private readonly cipher: RecordCipher,
  ) {
    // Pages another tab wrote: their entries replace what this tab's list had.
    this.subscription = db.householdPages.$.subscribe((event) => {
      if (this.ownWrites > 0 || !this.index) return;
      const page = event.documentData as HouseholdPage;
      for (const [area, open] of this.filling) if (open.id === page.id) this.filling.delete(area);
      void this.index.then(async (index) => {
        if (event.operation === 'DELETE') index.removePage(page.id);
        else index.setPage(page, (await openEntries(this.cipher, [page]))[0]!);
        this.version$.next(this.version$.value + 1);
      });
    });
  }

  /** Every household on the tablet, by name (the first call loads the list). */
  list(): Promise<HouseholdIndex> {
    return this.enqueue(() => this.loaded());
  }

  /** One household, in full (opens the page that holds it). */
  async get(id: string): Promise<Local<HouseholdDoc> | null> {
    const where = (await this.list()).locate(id);
    const page = where ? await this.db.householdPages.findOne(where.page).exec() : null;
    return page ? ((await openPage(this.cipher, page.toJSON())).households.get(id) ?? null) : null;
  }

  /** Every household in full (opens every page): the registry dataset a form's choices or pulldata read. */
  async all(): Promise<HouseholdDoc[]> {
    const pages = (await this.db.householdPages.find().exec()).map((d) => d.toJSON() as HouseholdPage);
    const opened = await Promise.all(pages.map((page) => openPage(this.cipher, page)));
    return opened.flatMap((page) => [...page.households.values()].map((h) => ({ ...h, _deleted: false })));
  }

  /** Stores households pulled from the server (tombstones remove them); resolves once they are on disk. */
  put(households: readonly PulledHousehold[]): Promise<void> {
    return this.enqueue(() => this.write(households));
  }

  /**
   * Stores households copied from an earlier release's database, only where the tablet has none with that id
   * (what sync brought since is newer). Returns how many were added.
   */
  putIfAbsent(households: readonly Local<HouseholdDoc>[]): Promise<number> {
    return this.enqueue(async () => {
      const index = await this.loaded();
      const absent = households.filter((h) => !index.locate(h.id));
      await this.write(absent.map((h) => ({ ...h, _deleted: false })));
      return absent.length;
    });
  }

  close(): void {
    this.subscription.unsubscribe();
    this.version$.complete();
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The list (inside a queued task). */
  private loaded(): Promise<HouseholdIndex> {
    return (this.index ??= this.load());
  }

  private async load(): Promise<HouseholdIndex> {
    const index = new HouseholdIndex();
    const pages = (await this.db.householdPages.find().exec()).map((d) => d.toJSON() as HouseholdPage);
    const entries = await openEntries(this.cipher, pages);
    pages.forEach((page, i) => index.setPage(page, entries[i]!));
    return index;
  }

  private async write(households: readonly PulledHousehold[]): Promise<void> {
    if (households.length === 0) return;
    const index = await this.loaded();
    const touched = new Map<string, OpenPage>();
    // The stored pages that hold some of these households already (moved, changed or gone): opened once each.
    const holding = [...new Set(households.map((h) => index.locate(h.id)?.page).filter((p) => p !== undefined))];
    const known = new Map([...this.filling.values()].map((p) => [p.id, p]));
    const toOpen = holding.filter((id) => !known.has(id));
    const stored = toOpen.length > 0 ? await this.db.householdPages.findByIds(toOpen).exec() : new Map();
    for (const id of holding) {
      const page = known.get(id) ?? (stored.get(id) ? await openPage(this.cipher, stored.get(id)!.toJSON()) : null);
      if (page) touched.set(id, page);
    }
    const pageWithRoom = (area: string): OpenPage => {
      let page = this.filling.get(area);
      if (!page || page.households.size >= PAGE_SIZE) {
        page = { id: v7(), area, households: new Map() };
        this.filling.set(area, page);
      }
      touched.set(page.id, page);
      return page;
    };
    for (const { _deleted, ...household } of households) {
      const current = touched.get(index.locate(household.id)?.page ?? '');
      if (current && (_deleted || current.area !== household.area)) current.households.delete(household.id);
      if (_deleted) continue;
      if (current && current.area === household.area) current.households.set(household.id, household);
      else pageWithRoom(household.area).households.set(household.id, household);
    }
    const pages = [...touched.values()];
    const emptied = pages.filter((p) => p.households.size === 0);
    const kept = pages.filter((p) => p.households.size > 0);
    const sealed = await Promise.all(kept.map((page) => sealPage(this.cipher, page)));
    this.ownWrites++;
    try {
      if (sealed.length > 0) {
        const result = await this.db.householdPages.bulkUpsert(sealed);
        if (result.error.length > 0) throw new Error(`${result.error.length} pages of households could not be stored`);
      }
      if (emptied.length > 0) await this.db.householdPages.bulkRemove(emptied.map((p) => p.id));
    } finally {
      this.ownWrites--;
    }
    for (const page of emptied) index.removePage(page.id);
    for (const page of kept) index.setPage(page, [...page.households.values()].map(indexEntry));
    this.version$.next(this.version$.value + 1);
  }
}

/**
 * A copy of what an app keeps in the browser — its IndexedDB databases (with their stores, indexes and records,
 * exactly as written) and its localStorage — taken from one browser profile and put into another. The upgrade test
 * restores, into a fresh profile, what the previous release wrote (fixtures/release-db/).
 */
import type { Page } from '@playwright/test';

export interface StoreSnapshot {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
  /** Keys are kept for stores without a key path. */
  records: { key?: IDBValidKey; value: unknown }[];
}

export interface BrowserSnapshot {
  databases: { name: string; version: number; stores: StoreSnapshot[] }[];
  localStorage: Record<string, string>;
}

/** Every IndexedDB database whose name contains `nameContains`, and all of localStorage. */
export function snapshotBrowser(page: Page, nameContains: string): Promise<BrowserSnapshot> {
  return page.evaluate(async (nameContains) => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const databases: BrowserSnapshot['databases'] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name?.includes(nameContains)) continue;
      const db = await request(indexedDB.open(info.name));
      const stores: StoreSnapshot[] = [];
      for (const name of Array.from(db.objectStoreNames)) {
        const store = db.transaction(name, 'readonly').objectStore(name);
        const indexes = Array.from(store.indexNames).map((index) => {
          const { keyPath, unique, multiEntry } = store.index(index);
          return { name: index, keyPath, unique, multiEntry };
        });
        const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
        stores.push({
          name,
          keyPath: store.keyPath,
          autoIncrement: store.autoIncrement,
          indexes,
          records: values.map((value, i) => (store.keyPath === null ? { key: keys[i]!, value } : { value })),
        });
      }
      databases.push({ name: info.name, version: db.version, stores });
      db.close();
    }
    const local: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++)
      local[localStorage.key(i)!] = localStorage.getItem(localStorage.key(i)!)!;
    return { databases, localStorage: local };
  }, nameContains);
}

/** Writes a snapshot into the page's origin (its databases must not exist yet). */
export function restoreBrowser(page: Page, snapshot: BrowserSnapshot): Promise<void> {
  return page.evaluate(async (json) => {
    const snapshot = JSON.parse(json) as BrowserSnapshot;
    for (const { name, version, stores } of snapshot.databases) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name, version);
        open.onupgradeneeded = () => {
          for (const s of stores) {
            const store = open.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
            for (const index of s.indexes)
              store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
          }
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      if (stores.length > 0) {
        const tx = db.transaction(
          stores.map((s) => s.name),
          'readwrite',
        );
        for (const s of stores) {
          const store = tx.objectStore(s.name);
          for (const record of s.records) {
            if (record.key === undefined) store.put(record.value);
            else store.put(record.value, record.key);
          }
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    }
    for (const [key, value] of Object.entries(snapshot.localStorage)) localStorage.setItem(key, value);
  }, JSON.stringify(snapshot));
}

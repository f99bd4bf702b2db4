/**
 * Names of a user's local databases on this device. RxDB database names allow lower-case letters, digits, "-"
 * and "_". Earlier releases used other databases; they are migrated into the current one and removed
 * (legacy/migrate-legacy.ts).
 */
const base = (userId: string) => `kusanya-${userId.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;

/** The current database: personal fields sealed with WebCrypto (sealed-storage.ts). */
export const databaseName = (userId: string) => `${base(userId)}-sealed`;

/** Databases of earlier releases, oldest first. */
export const legacyDatabaseNames = (userId: string) => ({
  /** The first release: nothing encrypted. */
  plain: base(userId),
  /** The release before this one: personal fields encrypted with RxDB's crypto-js plugin. */
  cryptoJs: `${base(userId)}-enc`,
});

/**
 * Whether RxDB's Dexie storage has a database `name` in `idb` (its IndexedDB databases are named
 * `rxdb-dexie-<database>--<version>--<collection>`). Without IndexedDB's list of databases: assumed present.
 */
export async function dexieDatabaseExists(
  name: string,
  idb: IDBFactory | undefined = globalThis.indexedDB,
): Promise<boolean> {
  if (!idb || typeof idb.databases !== 'function') return true;
  const prefix = `rxdb-dexie-${name}--`;
  return (await idb.databases()).some((d) => d.name?.startsWith(prefix));
}

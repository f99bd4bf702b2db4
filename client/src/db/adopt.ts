import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RxStorage } from 'rxdb';
import { openUserDatabase, type KusanyaDatabase } from './database.js';

const ADOPTED_KEY = (userId: string) => `kusanya.adopted.${userId}`;

/**
 * Moves the records of the unencrypted database of earlier versions into the encrypted one, then removes the
 * unencrypted database: copy first, check every record arrived, only then delete. Interrupted at any point it
 * simply runs again (records already copied are skipped), so nothing can be lost. Returns how many records
 * were copied. Replication checkpoints start over: the next sync re-sends and re-reads, which the server
 * answers idempotently.
 */
export async function adoptPlainDatabase(
  userId: string,
  target: KusanyaDatabase,
  options: { storage?: RxStorage<unknown, unknown>; marks?: Storage } = {},
): Promise<number> {
  const marks = options.marks ?? localStorage;
  if (marks.getItem(ADOPTED_KEY(userId))) return 0;
  const plain = await openUserDatabase(userId, { storage: options.storage ?? getRxStorageDexie() });
  let copied = 0;
  try {
    for (const name of ['submissions', 'drafts', 'forms'] as const) {
      const docs = (await plain[name].find().exec()).map((d) => d.toMutableJSON());
      if (docs.length === 0) continue;
      const ids = docs.map((d) => d.id);
      const present = await target[name].findByIds(ids).exec();
      const missing = docs.filter((d) => !present.has(d.id));
      if (missing.length > 0) {
        const result = await target[name].bulkInsert(missing as never[]);
        const failed = result.error.filter((e) => e.status !== 409);
        if (failed.length > 0) throw new Error(`Could not copy ${failed.length} ${name} into the encrypted database`);
        copied += missing.length;
      }
      const after = await target[name].findByIds(ids).exec();
      if (after.size !== ids.length) throw new Error(`Copying ${name} into the encrypted database is incomplete`);
    }
  } catch (error) {
    await plain.close();
    throw error;
  }
  await plain.remove();
  marks.setItem(ADOPTED_KEY(userId), new Date().toISOString());
  return copied;
}

import type { HouseholdDoc } from '@kusanya/schemas';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { v7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { databasePassword, newDatabaseKey } from '../auth/keyring.js';
import { RecordCipher } from '../crypto/record-cipher.js';
import { openUserDatabase, type KusanyaDatabase } from '../db/database.js';
import { PAGE_SIZE } from './household-pages.js';
import { HouseholdStore } from './household-store.js';

const storage = getRxStorageMemory();
const rawStorage = () =>
  JSON.stringify(
    [
      ...(
        storage as unknown as { collectionStates: Map<string, { documents: Map<string, unknown> }> }
      ).collectionStates.values(),
    ].map((s) => [...s.documents.values()]),
  );

function household(i: number, area = i % 2 ? 'CL03010101' : 'CL03010102'): HouseholdDoc {
  return {
    id: v7(),
    code: `2026-P03-${String(i).padStart(6, '0')}`,
    area,
    version: 1,
    values: { village: 'Kibenga' },
    members: [
      {
        individualId: v7(),
        role: 'HEAD',
        recipient: 'PRIMARY',
        respondent: true,
        values: { first_name: 'Jean', last_name: `Secretname${String(i).padStart(4, '0')}` },
      },
      { individualId: v7(), role: 'SPOUSE', recipient: null, respondent: false, values: { first_name: 'Aline' } },
    ],
    updatedAt: '2026-11-24T08:00:00.000Z',
    _deleted: false,
  };
}

let userId: string;
let key: string;
let db: KusanyaDatabase;
let store: HouseholdStore;
const open = async () => {
  db = await openUserDatabase(userId, { storage, key });
  store = new HouseholdStore(db, await RecordCipher.fromHex(key));
};
beforeEach(async () => {
  userId = v7();
  key = databasePassword(newDatabaseKey());
  await open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  store.close();
  await db.remove();
});

describe('HouseholdStore', () => {
  it('stores a first sync by pages of a colline, encrypted, and lists and opens every household', async () => {
    const pulled = Array.from({ length: 250 }, (_, i) => household(i));
    for (let i = 0; i < pulled.length; i += PAGE_SIZE) await store.put(pulled.slice(i, i + PAGE_SIZE));
    const pages = await db.householdPages.find().exec();
    expect(pages.length).toBeLessThanOrEqual(6); // 250 households in 2 collines, 100 per page at most
    expect(pages.reduce((sum, p) => sum + p.count, 0)).toBe(250);
    expect(rawStorage()).not.toContain('Secretname');
    const list = await store.list();
    expect(list.size).toBe(250);
    expect(list.all()[0]).toMatchObject({ name: 'Jean Secretname0000', members: 2, area: 'CL03010102' });
    expect(list.search('secretname0007').map((h) => h.code)).toEqual(['2026-P03-000007']);
    const { _deleted, ...seventh } = pulled[7]!;
    expect(await store.get(seventh.id)).toEqual(seventh);
    // The registry dataset a form's choices read (households.csv): every household, in full.
    const all = await store.all();
    expect(all).toHaveLength(250);
    expect(all.find((h) => h.id === seventh.id)).toEqual(pulled[7]);
  });

  it('opens the list after a restart by decrypting one small part per page, never the households', async () => {
    await store.put(Array.from({ length: 150 }, (_, i) => household(i, 'CL03010101')));
    store.close();
    await db.close();
    await open();
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const list = await store.list();
    expect(list.size).toBe(150);
    expect(decrypt).toHaveBeenCalledTimes(await db.householdPages.count().exec());
  });

  it('applies later changes: a household edited, moved to another colline, removed (registry tombstone)', async () => {
    const [a, b, c] = [household(1), household(2), household(3)];
    await store.put([a!, b!, c!]);
    const renamed = {
      ...a!,
      version: 2,
      members: [{ ...a!.members[0]!, values: { first_name: 'Zacharie', last_name: 'Zuba' } }],
    };
    const moved = { ...b!, version: 2, area: 'CL03010201' };
    await store.put([renamed, moved, { ...c!, _deleted: true }]);
    const list = await store.list();
    expect(list.all().map((h) => [h.name, h.area])).toEqual([
      ['Jean Secretname0002', 'CL03010201'],
      ['Zacharie Zuba', a!.area],
    ]);
    expect((await store.get(b!.id))?.area).toBe('CL03010201');
    expect(await store.get(c!.id)).toBeNull();
    expect((await db.householdPages.find().exec()).reduce((sum, p) => sum + p.count, 0)).toBe(2);
  });

  it('copies households of an earlier release only where the tablet has none with that id', async () => {
    const current = { ...household(1), version: 5 };
    await store.put([current]);
    const { _deleted, ...older } = { ...current, version: 2 };
    const { _deleted: _d, ...other } = household(2);
    expect(await store.putIfAbsent([older, other])).toBe(1);
    expect((await store.get(current.id))?.version).toBe(5);
    expect((await store.list()).size).toBe(2);
  });
});

/**
 * The previous release's database — personal fields encrypted by RxDB's crypto-js plugin, written here exactly as
 * that release wrote it (its schemas, frozen in schema-history/v1.ts, its encrypted fields, its database name and
 * key) on a persistent storage (Dexie over fake-indexeddb) — is brought into the current database with nothing
 * lost: drafts of every kind, records waiting to be sent and records sent back, forms and households; even when the
 * app is closed halfway, at any step.
 */
import type { Draft, FormDoc, HouseholdDoc, Submission } from '@kusanya/schemas';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type RxStorage } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { v7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePassword, newDatabaseKey } from '../../auth/keyring.js';
import { RecordCipher } from '../../crypto/record-cipher.js';
import { HouseholdStore } from '../../households/household-store.js';
import type { Local } from '../collections.js';
import { openUserDatabase, type KusanyaDatabase } from '../database.js';
import { withEncryptedFields } from '../encryption.js';
import { dexieDatabaseExists, legacyDatabaseNames } from '../names.js';
import { draftsV1, formsV1, householdsV1, submissionsV1 } from '../schema-history/v1.js';
import { LegacyMigration, type LegacyMigrationOptions } from './migrate-legacy.js';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>;

const SECRET = 'Nzeyimana-Secret';
const when = '2026-11-24T08:00:00.000Z';

function submission(status: Submission['status'], i: number): Local<Submission> {
  return {
    id: v7(),
    formId: 'household_survey',
    formVersion: '2026.11.0',
    data: { colline: 'CL03010101', respondent_name: `${SECRET} ${i}`, members: [{ first_name: 'Aline' }] },
    meta: {
      enumeratorId: 'u1',
      deviceId: 'd1',
      startedAt: when,
      finalizedAt: when,
      area: 'CL03010101',
      gps: { lat: -3.38, lon: 29.36, accuracy: 6 },
    },
    status,
    review: status === 'returned' ? { by: 'sup', at: when, comment: 'Vérifiez le nombre de membres' } : null,
    errors: status === 'needs_correction' ? [{ path: 'members[0].dob', message: 'is in the future' }] : [],
    rev: status === 'submitted' ? 1 : 3,
    updatedAt: 1_700_000_000_000 + i,
  };
}

function draft(kind: Draft['kind'], submissionId?: string): Draft {
  const id = v7();
  return {
    id: kind === 'correction' ? submissionId! : id,
    kind,
    submissionId: submissionId ?? id,
    formId: 'household_survey',
    formVersion: '2026.11.0',
    data: { colline: 'CL03010101', respondent_name: `${SECRET} draft ${kind}` },
    startedAt: when,
    updatedAt: 1_700_000_000_000,
    ...(kind === 'conflict' ? { conflict: { serverStatus: 'pending_review', serverRev: 4, at: when } } : {}),
  };
}

function household(i: number): Local<HouseholdDoc> {
  return {
    id: v7(),
    code: `2026-P03-${String(i).padStart(6, '0')}`,
    area: i % 2 ? 'CL03010101' : 'CL03010102',
    version: 1,
    values: { village: 'Kibenga' },
    members: [
      {
        individualId: v7(),
        role: 'HEAD',
        recipient: 'PRIMARY',
        respondent: true,
        values: { first_name: 'Jean', last_name: `${SECRET}${i}` },
      },
    ],
    updatedAt: when,
  };
}

const form = {
  id: 'household_survey@2026.11.0',
  formId: 'household_survey',
  version: '2026.11.0',
  status: 'published',
  publishedAt: '2026-11-01T00:00:00.000Z',
  definition: { formId: 'household_survey' },
} as unknown as Local<FormDoc>;

/** What the previous release stored for a user: its `openUserDatabase` with the database key, then its writes. */
async function writeReleaseDatabase(userId: string, key: string) {
  const records = (['submitted', 'submitted', 'pending_review', 'returned', 'needs_correction'] as const).map(
    submission,
  );
  const drafts = [draft('new'), draft('new'), draft('correction', records[3]!.id), draft('conflict', records[2]!.id)];
  const households = Array.from({ length: 120 }, (_, i) => household(i));
  const db = await createRxDatabase({
    name: legacyDatabaseNames(userId).cryptoJs,
    storage: wrappedKeyEncryptionCryptoJsStorage({ storage }),
    password: key,
    multiInstance: true,
  });
  await db.addCollections({
    submissions: { schema: withEncryptedFields(submissionsV1, ['data', 'meta.gps']) },
    drafts: { schema: withEncryptedFields(draftsV1, ['data']) },
    forms: { schema: formsV1 },
    households: { schema: withEncryptedFields(householdsV1, ['values', 'members']) },
  });
  await db.collections['submissions']!.bulkInsert(records);
  await db.collections['drafts']!.bulkInsert(drafts);
  await db.collections['forms']!.insert(form);
  await db.collections['households']!.bulkInsert(households);
  await db.close();
  return { records, drafts, households };
}

/** Every IndexedDB record of the user's databases, as stored. */
async function rawDatabase(userId: string): Promise<string> {
  const out: string[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name?.includes(userId)) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(info.name!);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      out.push(JSON.stringify(rows));
    }
    db.close();
  }
  return out.join('\n');
}

const open: { db: KusanyaDatabase; households: HouseholdStore }[] = [];
afterEach(async () => {
  for (const { db, households } of open.splice(0)) {
    households.close();
    if (!db.closed) await db.close();
  }
});

/** One start of the app: the current database opened, the migration run with `options`. */
async function start(userId: string, key: string, marks: Map<string, string>, options: LegacyMigrationOptions = {}) {
  for (const previous of open.splice(0)) {
    previous.households.close();
    await previous.db.close();
  }
  const db = await openUserDatabase(userId, { storage, key });
  const households = new HouseholdStore(db, await RecordCipher.fromHex(key));
  open.push({ db, households });
  const migration = new LegacyMigration(userId, key, db, households, {
    storage,
    marks: { getItem: (k) => marks.get(k) ?? null, setItem: (k, v) => void marks.set(k, v) },
    exists: (name) => dexieDatabaseExists(name, indexedDB),
    batch: 10,
    ...options,
  });
  return { db, households, migration };
}

const byId = <T extends { id: string }>(docs: T[]) => [...docs].sort((a, b) => a.id.localeCompare(b.id));
const closedHalfway = (at: number) => (progress: { done: number }) => {
  if (progress.done >= at) throw new Error('the app was closed');
};

describe('migration of the previous release (crypto-js) database', () => {
  it('brings every record over, even when the app is closed halfway through each step, then deletes the old database', async () => {
    const userId = v7();
    const key = databasePassword(newDatabaseKey());
    const written = await writeReleaseDatabase(userId, key);
    const before = await rawDatabase(userId);
    expect(before).toContain('U2FsdGVkX1'); // crypto-js (OpenSSL format) ciphertexts
    expect(before).not.toContain(SECRET);
    const marks = new Map<string, string>();

    // First start: closed after the first batches of records.
    let run = await start(userId, key, marks, { onRecords: closedHalfway(5) });
    await expect(run.migration.copyRecords()).rejects.toThrow('closed');
    expect(await run.db.forms.count().exec()).toBe(1);

    // Second start: the records are all brought over; closed while copying the households.
    run = await start(userId, key, marks, { onHouseholds: closedHalfway(50) });
    await run.migration.copyRecords();
    expect(byId((await run.db.submissions.find().exec()).map((d) => d.toJSON()))).toEqual(byId(written.records));
    expect(byId((await run.db.drafts.find().exec()).map((d) => d.toJSON()))).toEqual(byId(written.drafts));
    expect((await run.db.forms.findOne(form.id).exec())?.toJSON()).toEqual(form);
    await expect(run.migration.copyHouseholds()).rejects.toThrow('closed');
    expect((await run.households.list()).size).toBe(50);

    // Meanwhile the enumerator finished a draft (it became a record) and deleted the conflict copy; sync brought
    // a newer version of one household.
    const finished = written.drafts[0]!;
    await run.db.submissions.insert({ ...submission('submitted', 9), id: finished.id, data: finished.data });
    await run.db.drafts.findOne(finished.id).remove();
    await run.db.drafts.findOne(written.drafts[3]!.id).remove();
    const moved = { ...written.households[100]!, version: 2, code: '2026-P03-999999', _deleted: false };
    await run.households.put([moved]);

    // Third start: nothing comes back from the old copy, the rest of the households arrive, the old database goes.
    run = await start(userId, key, marks);
    expect(await run.migration.copyRecords()).toBe(0);
    expect((await run.db.drafts.find().exec()).map((d) => d.id).sort()).toEqual(
      [written.drafts[1]!.id, written.drafts[2]!.id].sort(),
    );
    expect(await run.migration.copyHouseholds()).toBe(119 - 50);
    // The list has every household, under the name of its head; each opens in full.
    const list = await run.households.list();
    expect(list.size).toBe(120);
    const households = await Promise.all(list.all().map((h) => run.households.get(h.id)));
    expect(households.find((h) => h?.id === moved.id)?.version).toBe(2);
    expect(byId(households.filter((h) => h !== null && h.id !== moved.id) as Local<HouseholdDoc>[])).toEqual(
      byId(written.households.filter((h) => h.id !== moved.id)),
    );
    expect(list.search(`${SECRET}7`.toLowerCase()).map((h) => h.name)).toEqual(
      expect.arrayContaining([`Jean ${SECRET}7`]),
    );

    expect(marks.get(`kusanya.migrated.${legacyDatabaseNames(userId).cryptoJs}`)).toBeTruthy();
    const after = await rawDatabase(userId);
    expect(after).not.toContain('U2FsdGVkX1');
    expect(after).not.toContain(SECRET);
    expect(after).toContain('"_sealed":"g1:');

    // Later starts find nothing left to do.
    run = await start(userId, key, marks);
    expect(await run.migration.copyRecords()).toBe(0);
    expect(await run.migration.copyHouseholds()).toBe(0);
  });
});

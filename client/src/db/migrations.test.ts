/**
 * Upgrade without loss: data written by the first release's local schemas (schema-history/v0.ts, unencrypted)
 * is brought into the current database — drafts migrated to their current schema — on a persistent storage
 * (Dexie over fake-indexeddb), with every document and answer still there, and the old database gone.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { databasePassword, newDatabaseKey } from '../auth/keyring.js';
import { RecordCipher } from '../crypto/record-cipher.js';
import { HouseholdStore } from '../households/household-store.js';
import { openUserDatabase } from './database.js';
import { LegacyMigration } from './legacy/migrate-legacy.js';
import { dexieDatabaseExists, legacyDatabaseNames } from './names.js';
import { draftsV0, formsV0, submissionsV0 } from './schema-history/v0.js';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>;

const draftV0 = (i: number) => ({
  id: v7(),
  kind: 'new',
  formId: 'household_survey',
  formVersion: '2026.11.0',
  data: { colline: 'CL03010101', respondent_name: `Répondant ${i}`, members: [{ first_name: 'Jean', sex: 'M' }] },
  startedAt: '2026-11-24T08:00:00.000Z',
  updatedAt: 1_700_000_000_000 + i,
  ...(i === 0 ? { subject: { householdId: v7(), baseVersion: 3 } } : {}),
});
const submissionV0 = (status: string) => ({
  id: v7(),
  formId: 'household_survey',
  formVersion: '2026.11.0',
  data: { colline: 'CL03010102', respondent_name: `Record ${status}` },
  meta: {
    enumeratorId: v7(),
    deviceId: 'd1',
    startedAt: '2026-11-24T08:00:00.000Z',
    finalizedAt: '2026-11-24T08:20:00.000Z',
    area: 'CL03010102',
  },
  status,
  review: status === 'returned' ? { by: 'sup', at: '2026-11-25T08:00:00.000Z', comment: 'Check' } : null,
  errors: status === 'needs_correction' ? [{ path: 'members[0].dob', message: 'is in the future' }] : [],
  rev: status === 'submitted' ? 1 : 3,
  updatedAt: 1_700_000_000_000,
});

describe('local schema upgrade', () => {
  it('brings data written by schema version 0 over with nothing lost: drafts get their record id, records and forms are untouched', async () => {
    const userId = v7();
    const key = databasePassword(newDatabaseKey());
    const drafts = Array.from({ length: 12 }, (_, i) => draftV0(i));
    const submissions = ['submitted', 'pending_review', 'needs_correction', 'returned', 'approved'].map(submissionV0);
    const form = {
      id: 'household_survey@2026.11.0',
      formId: 'household_survey',
      version: '2026.11.0',
      status: 'published',
      publishedAt: '2026-11-01T00:00:00.000Z',
      definition: { formId: 'household_survey' },
    };

    const oldName = legacyDatabaseNames(userId).plain;
    const old = await createRxDatabase({ name: oldName, storage, multiInstance: false });
    await old.addCollections({
      submissions: { schema: submissionsV0 },
      drafts: { schema: draftsV0 },
      forms: { schema: formsV0 },
    });
    await old.collections['drafts']!.bulkInsert(drafts);
    await old.collections['submissions']!.bulkInsert(submissions);
    await old.collections['forms']!.insert(form);
    await old.close();

    const marks = new Map<string, string>();
    for (let opening = 1; opening <= 2; opening++) {
      const db = await openUserDatabase(userId, { storage, key });
      const households = new HouseholdStore(db, await RecordCipher.fromHex(key));
      const migration = new LegacyMigration(userId, key, db, households, {
        storage,
        marks: { getItem: (k) => marks.get(k) ?? null, setItem: (k, v) => void marks.set(k, v) },
        exists: (name) => dexieDatabaseExists(name, indexedDB),
      });
      expect(await migration.copyRecords()).toBe(opening === 1 ? drafts.length + submissions.length + 1 : 0);
      expect(await migration.copyHouseholds()).toBe(0);
      const migrated = (await db.drafts.find({ sort: [{ updatedAt: 'asc' }] }).exec()).map((d) => d.toJSON());
      expect(migrated).toEqual(drafts.map((d) => ({ ...d, submissionId: d.id })));
      const records = (await db.submissions.find().exec()).map((d) => d.toJSON());
      expect(records.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [...submissions].sort((a, b) => a.id.localeCompare(b.id)),
      );
      expect((await db.forms.findOne(form.id).exec())?.toJSON()).toEqual(form);
      expect((await households.list()).size).toBe(0);
      // The migrated documents are usable with the new index.
      expect(await db.drafts.count({ selector: { submissionId: drafts[3]!.id } }).exec()).toBe(1);
      households.close();
      await db.close();
    }
    // The old database is emptied and its data no longer on the tablet unencrypted.
    const again = await createRxDatabase({ name: oldName, storage, multiInstance: false });
    await again.addCollections({ submissions: { schema: submissionsV0 } });
    expect(await again.collections['submissions']!.count().exec()).toBe(0);
    await again.remove();
  });
});

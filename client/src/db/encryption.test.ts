import type { Draft, Submission } from '@kusanya/schemas';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { v7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import {
  createKeyring,
  databasePassword,
  newDatabaseKey,
  unwrapWithDeviceKey,
  unwrapWithPassword,
  wrapWithPassword,
} from '../auth/keyring.js';
import { adoptPlainDatabase } from './adopt.js';
import { openUserDatabase, type KusanyaDatabase } from './database.js';

const storage = getRxStorageMemory();
/** Every document the memory storage holds, as stored (what a thief reading the disk would get). */
const rawStorage = () =>
  JSON.stringify(
    [
      ...(
        storage as unknown as { collectionStates: Map<string, { documents: Map<string, unknown> }> }
      ).collectionStates.values(),
    ].map((s) => [...s.documents.values()]),
  );

const RESPONDENT = 'Ndayishimiye Secret-Name';
const submission = (enumeratorId: string): Omit<Submission, '_deleted'> => {
  const { _deleted, ...local } = submissionFixture({
    data: { respondent_name: RESPONDENT, members: [{ first_name: 'Aline' }] },
    meta: { enumeratorId, deviceId: 'd', gps: { lat: -3.4271, lon: 29.9246, accuracy: 8 } },
    updatedAt: 1,
  });
  return local;
};
const draft = (): Draft => {
  const id = v7();
  return {
    id,
    submissionId: id,
    kind: 'new',
    formId: 'household_survey',
    formVersion: '1',
    data: { respondent_name: `${RESPONDENT} draft` },
    startedAt: '2026-11-24T08:00:00.000Z',
    updatedAt: 2,
  };
};

const opened: KusanyaDatabase[] = [];
const open = async (userId: string, encryptionKey?: string) => {
  const db = await openUserDatabase(userId, { storage, ...(encryptionKey ? { encryptionKey } : {}) });
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) if (!db.closed) await db.remove();
});

describe('local database encryption', () => {
  it('stores answers, GPS and draft answers encrypted, and reads them back in clear', async () => {
    const userId = v7();
    const db = await open(userId, databasePassword(newDatabaseKey()));
    const doc = submission(userId);
    await db.submissions.insert(doc);
    await db.drafts.insert(draft());
    const read = (await db.submissions.findOne(doc.id).exec())!.toJSON();
    expect(read.data).toEqual(doc.data);
    expect(read.meta.gps).toEqual(doc.meta.gps);
    // Counting reads the storage itself, which makes the memory storage apply its pending writes.
    expect(await db.submissions.count({ selector: { status: 'submitted' } }).exec()).toBe(1);
    expect(await db.drafts.count().exec()).toBe(1);
    const raw = rawStorage();
    expect(raw).toContain(doc.id);
    expect(raw).toContain('CL03010101'); // not personal: area, status and dates stay queryable
    expect(raw).not.toContain('Secret-Name');
    expect(raw).not.toContain('29.9246');
  });

  it('does not open with another key, and deletes nothing when it refuses', async () => {
    const userId = v7();
    const key = databasePassword(newDatabaseKey());
    const db = await openUserDatabase(userId, { storage, encryptionKey: key });
    const doc = submission(userId);
    await db.submissions.insert(doc);
    await db.close();
    await expect(
      openUserDatabase(userId, { storage, encryptionKey: databasePassword(newDatabaseKey()) }),
    ).rejects.toThrow(/DB1|password/);
    const again = await open(userId, key);
    expect((await again.submissions.findOne(doc.id).exec())?.toJSON().data).toEqual(doc.data);
  });

  it('adopts the unencrypted database of an earlier version once: copies every record, then removes it', async () => {
    const userId = v7();
    const plain = await openUserDatabase(userId, { storage });
    const doc = submission(userId);
    const d = draft();
    await plain.submissions.insert(doc);
    await plain.drafts.insert(d);
    expect(await plain.submissions.count().exec()).toBe(1);
    expect(rawStorage()).toContain('Secret-Name');
    await plain.close();

    const marks = new Map<string, string>();
    const storageMarks = {
      getItem: (k: string) => marks.get(k) ?? null,
      setItem: (k: string, v: string) => void marks.set(k, v),
    } as Storage;
    const db = await open(userId, databasePassword(newDatabaseKey()));
    expect(await adoptPlainDatabase(userId, db, { storage, marks: storageMarks })).toBe(2);
    expect((await db.submissions.findOne(doc.id).exec())?.toJSON().data).toEqual(doc.data);
    expect((await db.drafts.findOne(d.id).exec())?.toJSON().data).toEqual(d.data);
    expect(await db.submissions.count().exec()).toBe(1);
    expect(await db.drafts.count().exec()).toBe(1);
    expect(rawStorage()).toContain(doc.id);
    expect(rawStorage()).not.toContain('Secret-Name');
    expect(await adoptPlainDatabase(userId, db, { storage, marks: storageMarks })).toBe(0);
  });
});

describe('keyring', () => {
  const ITERATIONS = 1000; // the app uses 310,000; the logic is the same

  it('unwraps the database key with the right password only', async () => {
    const key = newDatabaseKey();
    const ring = await createKeyring(key, 'mon mot de passe', null, ITERATIONS);
    expect(await unwrapWithPassword(ring, 'mon mot de passe')).toEqual(key);
    expect(await unwrapWithPassword(ring, 'mon mot de pass')).toBeNull();
    expect(JSON.stringify(ring)).not.toContain(databasePassword(key));
  });

  it('recovers the key with the escrowed device key after a password reset, and re-wraps it with the new password', async () => {
    const key = newDatabaseKey();
    const deviceKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    const ring = await createKeyring(key, 'old password here', deviceKey, ITERATIONS);
    expect(await unwrapWithPassword(ring, 'new password here')).toBeNull();
    const recovered = await unwrapWithDeviceKey(ring, deviceKey);
    expect(recovered).toEqual(key);
    const rewrapped = { ...ring, byPassword: await wrapWithPassword(recovered!, 'new password here', ITERATIONS) };
    expect(await unwrapWithPassword(rewrapped, 'new password here')).toEqual(key);
    const otherDevice = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    expect(await unwrapWithDeviceKey(ring, otherDevice)).toBeNull();
  });
});

import type { Draft, Submission } from '@kusanya/schemas';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { v7 } from 'uuid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import {
  createKeyring,
  databasePassword,
  newDatabaseKey,
  unwrapWithDeviceKey,
  unwrapWithPassword,
  wrapWithPassword,
} from '../auth/keyring.js';
import { openUserDatabase, type KusanyaDatabase } from './database.js';

const storage = getRxStorageMemory();
const states = () =>
  (storage as unknown as { collectionStates: Map<string, { documents: Map<string, unknown> }> }).collectionStates;
/** Every document the memory storage holds, as stored (what a thief reading the disk would get). */
const rawStorage = () => JSON.stringify([...states().values()].map((s) => [...s.documents.values()]));
/** The stored documents of the newest database's collection `name`. */
const rawCollection = (name: string) =>
  [...states().entries()].filter(([key]) => key.includes(`--memory--${name}--memory--`)).at(-1)![1].documents;

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
const open = async (userId: string, key: string) => {
  const db = await openUserDatabase(userId, { storage, key });
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) if (!db.closed) await db.remove();
  vi.restoreAllMocks();
});

describe('local database encryption (WebCrypto AES-GCM)', () => {
  it('stores answers, GPS and draft answers encrypted, and reads them back in clear', async () => {
    const userId = v7();
    const db = await open(userId, databasePassword(newDatabaseKey()));
    const doc = submission(userId);
    await db.submissions.insert(doc);
    await db.drafts.insert(draft());
    const read = (await db.submissions.findOne(doc.id).exec())!.toJSON();
    expect(read.data).toEqual(doc.data);
    expect(read.meta.gps).toEqual(doc.meta.gps);
    expect(read.meta.area).toBe('CL03010101');
    // Counting reads the storage itself, which makes the memory storage apply its pending writes.
    expect(await db.submissions.count({ selector: { status: 'submitted' } }).exec()).toBe(1);
    expect(await db.drafts.count().exec()).toBe(1);
    const raw = rawStorage();
    expect(raw).toContain(doc.id);
    expect(raw).toContain('CL03010101'); // not personal: area, status and dates stay queryable
    expect(raw).toContain('"_sealed":"g1:');
    expect(raw).not.toContain('Secret-Name');
    expect(raw).not.toContain('29.9246');
  });

  it('does not open with another key, and deletes nothing when it refuses', async () => {
    const userId = v7();
    const key = databasePassword(newDatabaseKey());
    const db = await openUserDatabase(userId, { storage, key });
    const doc = submission(userId);
    await db.submissions.insert(doc);
    await db.close();
    await expect(openUserDatabase(userId, { storage, key: databasePassword(newDatabaseKey()) })).rejects.toThrow(
      /DB1|password/,
    );
    const again = await open(userId, key);
    expect((await again.submissions.findOne(doc.id).exec())?.toJSON().data).toEqual(doc.data);
  });

  it('never decrypts what it has just written: a write costs one encryption per document, a read one decryption', async () => {
    const userId = v7();
    const db = await open(userId, databasePassword(newDatabaseKey()));
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt');
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const seen: unknown[] = [];
    const subscription = db.submissions.$.subscribe((event) => seen.push(event.documentData.data));
    const docs = Array.from({ length: 40 }, () => submission(userId));
    await db.submissions.bulkInsert(docs);
    subscription.unsubscribe();
    expect(encrypt).toHaveBeenCalledTimes(40); // answers and GPS sealed together
    expect(decrypt).not.toHaveBeenCalled();
    // The change events (what live queries and screens get) carry the records in clear.
    expect(seen).toEqual(docs.map((d) => d.data));
    const read = await db.submissions.find({ selector: { status: 'submitted' } }).exec();
    expect(decrypt).toHaveBeenCalledTimes(40);
    expect(read.map((d) => d.toJSON().meta.gps)).toEqual(docs.map((d) => d.meta.gps));
  });

  it('a write that conflicts reports the stored document in clear', async () => {
    const userId = v7();
    const db = await open(userId, databasePassword(newDatabaseKey()));
    const first = submission(userId);
    await db.submissions.insert(first);
    const result = await db.submissions.bulkInsert([{ ...first, data: { respondent_name: 'other' } }]);
    expect(result.error).toHaveLength(1);
    expect(result.error[0]).toMatchObject({ status: 409, documentInDb: { data: first.data } });
  });

  it('an encrypted value moved into another document does not open', async () => {
    const userId = v7();
    const db = await open(userId, databasePassword(newDatabaseKey()));
    const [a, b] = [submission(userId), submission(userId)];
    await db.submissions.bulkInsert([a, b]);
    expect(await db.submissions.count().exec()).toBe(2);
    const stored = [...rawCollection('submissions').values()] as { id: string; _sealed: string }[];
    stored.find((d) => d.id === b.id)!._sealed = stored.find((d) => d.id === a.id)!._sealed;
    await expect(db.submissions.findOne(b.id).exec()).rejects.toThrow(/does not open/);
    expect((await db.submissions.findOne(a.id).exec())?.toJSON().data).toEqual(a.data);
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

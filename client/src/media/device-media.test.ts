import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { v7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordCipher } from '../crypto/record-cipher.js';
import { openUserDatabase, type KusanyaDatabase } from '../db/database.js';
import { DeviceMediaStore, mediaName } from './device-media.js';
import { fitWithin, maxPixelsOf } from './resize.js';

let db: KusanyaDatabase;
let store: DeviceMediaStore;
const KEY = 'ab'.repeat(32);
const submissionId = v7();
const photo = (text: string) => new Blob([text], { type: 'image/jpeg' });

beforeEach(async () => {
  db = await openUserDatabase(v7(), { storage: getRxStorageMemory(), key: KEY });
  store = new DeviceMediaStore(db, await RecordCipher.fromHex(KEY));
});
afterEach(async () => {
  await db.remove();
});

describe('media kept on the tablet', () => {
  it('keeps a photo beside its record, encrypted, and gives the reference the answer holds', async () => {
    const ref = await store.keep({ submissionId, field: 'id_front', blob: photo('front of the card') });
    expect(ref).toMatchObject({ type: 'image/jpeg', size: 17 });
    expect(ref.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ref.name).toMatch(/^id_front-[0-9a-f]{10}\.jpg$/);
    expect(await (await store.bytes(submissionId, ref.name))!.text()).toBe('front of the card');
    // What IndexedDB holds is sealed with the user's key: not the photo's bytes.
    const doc = await db.media.findOne(`${submissionId}/${ref.name}`).exec();
    const stored = await (await doc!.getAttachment('bytes')!.getData()).text();
    expect(stored).not.toContain('front of the card');
    expect((await store.unsent()).map((m) => m.name)).toEqual([ref.name]);
  });

  it('lets a retaken photo go, but never one a finalised record still references before the server has it', async () => {
    const first = await store.keep({ submissionId, field: 'id_front', blob: photo('first') });
    await store.discard(submissionId, first);
    expect(await store.bytes(submissionId, first.name)).toBeNull();

    const sent = await store.keep({ submissionId, field: 'id_front', blob: photo('second') });
    await db.submissions.insert({
      id: submissionId,
      formId: 'household_survey',
      formVersion: '1',
      data: { id_front: sent },
      meta: {},
      status: 'submitted',
      review: null,
      errors: [],
      rev: 1,
      updatedAt: 1,
    } as never);
    await store.discard(submissionId, sent);
    expect(await store.bytes(submissionId, sent.name)).not.toBeNull();
    await store.markSent(`${submissionId}/${sent.name}`);
    expect(await store.unsent()).toEqual([]);
  });

  it('names files by question and type, and keeps a picked name without any path in it', () => {
    expect(mediaName('members[2].photo', 'image/jpeg')).toMatch(/^photo-[0-9a-f]{10}\.jpg$/);
    expect(mediaName('doc', 'application/pdf', '../../etc/passwd')).toMatch(/^[0-9a-f]{10}-passwd$/);
    expect(mediaName('doc', 'application/pdf', 'C:\\Users\\x\\..\\minutes.pdf')).toMatch(/-minutes\.pdf$/);
  });
});

describe('photo size', () => {
  it('brings a 12-megapixel photo to 1,600 px on its long side, never enlarging a small one', () => {
    expect(fitWithin(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
    expect(maxPixelsOf({ 'max-pixels': '1024' })).toBe(1024);
    expect(maxPixelsOf(undefined)).toBe(1600);
  });
});

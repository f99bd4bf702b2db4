import type { User } from '@kusanya/schemas';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { v7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formDocFixture } from '@kusanya/tools/factories/form';
import { openUserDatabase, type KusanyaDatabase } from '../db/database.js';
import {
  createDraft,
  DraftSaver,
  finalizeDraft,
  FinalizeError,
  recoverInterruptedFinalizations,
  submissionFromDraft,
} from './drafts.js';
import { databasePassword, newDatabaseKey } from '../auth/keyring.js';

const user: User = { id: v7(), username: 'enumerator', role: 'enumerator', areas: ['CL03010101', 'CL03010102'] };
const form = formDocFixture({ areaField: 'colline', fields: [{ type: 'text', name: 'colline' }] });

let db: KusanyaDatabase;
beforeEach(async () => {
  db = await openUserDatabase(v7(), { storage: getRxStorageMemory(), key: databasePassword(newDatabaseKey()) });
});
afterEach(async () => {
  await db.remove();
});

describe('drafts', () => {
  it('saves every change, keeping the newest answers when changes come faster than writes', async () => {
    const draft = await createDraft(db, form);
    const saver = new DraftSaver(db, draft.id);
    for (let i = 1; i <= 20; i++) void saver.save({ colline: 'CL03010101', note: 'x'.repeat(i) });
    await saver.settled();
    const stored = await db.drafts.findOne(draft.id).exec();
    expect(stored?.data).toEqual({ colline: 'CL03010101', note: 'x'.repeat(20) });
  });

  it('finalising moves the draft into the outbox under the same id, with the colline as area', async () => {
    const draft = await createDraft(db, form);
    const submission = submissionFromDraft({ ...draft, data: { colline: 'CL03010102' } }, form, user, 'device-1');
    await finalizeDraft(db, submission);
    expect(await db.drafts.findOne(draft.id).exec()).toBeNull();
    const stored = await db.submissions.findOne(draft.id).exec();
    expect(stored?.toJSON()).toMatchObject({
      status: 'submitted',
      rev: 1,
      meta: { area: 'CL03010102', enumeratorId: user.id, deviceId: 'device-1' },
    });
  });

  it('refuses to finalise an envelope that the server would refuse, leaving the draft in place', async () => {
    const draft = await createDraft(db, form);
    const submission = submissionFromDraft(draft, form, user, 'device-1');
    await expect(
      finalizeDraft(db, { ...submission, meta: { ...submission.meta, startedAt: 'yesterday' } }),
    ).rejects.toThrow(FinalizeError);
    expect(await db.drafts.findOne(draft.id).exec()).not.toBeNull();
    expect(await db.submissions.count().exec()).toBe(0);
  });

  it('finishes a finalisation interrupted between its two writes on the next start', async () => {
    const draft = await createDraft(db, form);
    const { _deleted, ...local } = submissionFromDraft(draft, form, user, 'device-1');
    await db.submissions.insert(local); // the app died here, before removing the draft
    expect(await recoverInterruptedFinalizations(db)).toBe(1);
    expect(await db.drafts.count().exec()).toBe(0);
    expect(await db.submissions.count().exec()).toBe(1);
  });
});

import type { Submission, User } from '@kusanya/schemas';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { v7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formDocFixture } from '@kusanya/tools/factories/form';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { openUserDatabase, type KusanyaDatabase } from '../db/database.js';
import { keepLostEdit, reuseConflictCopy } from './conflicts.js';
import { finalizeCorrection, startCorrection } from './corrections.js';
import { recoverInterruptedFinalizations } from './drafts.js';
import { finishDraft } from './finish.js';
import { databasePassword, newDatabaseKey } from '../auth/keyring.js';

const user: User = { id: v7(), username: 'enumerator', role: 'enumerator', areas: ['CL03010101'] };
const form = formDocFixture({ title: { fr: 'Enquête' } });

let db: KusanyaDatabase;
beforeEach(async () => {
  db = await openUserDatabase(v7(), { storage: getRxStorageMemory(), key: databasePassword(newDatabaseKey()) });
});
afterEach(() => db.remove());

async function record(status: Submission['status'], rev = 3): Promise<Submission> {
  const doc = submissionFixture({
    data: { respondent_name: 'Original' },
    meta: { enumeratorId: user.id, deviceId: 'd' },
    status,
    review: status === 'returned' ? { by: 'sup', at: '2026-11-25T08:00:00.000Z', comment: 'Fix it' } : null,
    rev,
    updatedAt: 1,
  });
  const { _deleted, ...local } = doc;
  await db.submissions.insert(local);
  return doc;
}
const conflictCopies = () => db.drafts.count({ selector: { kind: 'conflict' } }).exec();

describe('corrections', () => {
  it('a returned record corrected on the device is resubmitted with its review and rev, ready to push', async () => {
    const returned = await record('returned');
    const draft = await startCorrection(db, returned);
    expect(draft).toMatchObject({
      id: returned.id,
      kind: 'correction',
      submissionId: returned.id,
      data: returned.data,
    });
    expect(await finishDraft(db, draft, { respondent_name: 'Corrected' }, form, user, 'd')).toBe('outbox');
    const stored = (await db.submissions.findOne(returned.id).exec())!.toJSON();
    expect(stored).toMatchObject({
      status: 'submitted',
      rev: 3,
      review: returned.review,
      data: { respondent_name: 'Corrected' },
    });
    expect(await db.drafts.count().exec()).toBe(0);
  });

  it('keeps the answers as a conflict copy when the record moved on while it was being corrected', async () => {
    const returned = await record('returned');
    const draft = await startCorrection(db, returned);
    await db.submissions.findOne(returned.id).incrementalPatch({ status: 'approved', rev: 5 });
    expect(await finalizeCorrection(db, draft, { respondent_name: 'Too late' })).toBe('kept-as-conflict');
    const [copy] = (await db.drafts.find({ selector: { kind: 'conflict' } }).exec()).map((d) => d.toJSON());
    expect(copy).toMatchObject({
      submissionId: returned.id,
      data: { respondent_name: 'Too late' },
      conflict: { serverStatus: 'approved', serverRev: 5 },
    });
    expect((await db.submissions.findOne(returned.id).exec())!.status).toBe('approved');
  });

  it('finishes a correction interrupted between its two writes, but never removes a correction still in progress', async () => {
    const returned = await record('returned');
    const inProgress = await record('needs_correction');
    const draft = await startCorrection(db, returned);
    await startCorrection(db, inProgress);
    await db.submissions.findOne(returned.id).incrementalPatch({ status: 'submitted', data: draft.data }); // died here
    expect(await recoverInterruptedFinalizations(db)).toBe(1);
    expect((await db.drafts.find().exec()).map((d) => d.id)).toEqual([inProgress.id]);
  });
});

describe('conflict copies', () => {
  it('keeps a lost device edit once, however often the conflict is reported, and can reuse it for a new correction', async () => {
    const server = await record('pending_review', 6);
    const lost = { ...server, status: 'submitted' as const, data: { respondent_name: 'Mine' } };
    await keepLostEdit(db, lost, server);
    await keepLostEdit(db, lost, server);
    expect(await conflictCopies()).toBe(1);
    const [copy] = (await db.drafts.find({ selector: { kind: 'conflict' } }).exec()).map((d) => d.toJSON());
    const correction = await reuseConflictCopy(db, copy!);
    expect(correction).toMatchObject({ id: server.id, kind: 'correction', data: { respondent_name: 'Mine' } });
    expect(await conflictCopies()).toBe(0);
  });
});

describe('the queries the screens count with', () => {
  it('work on this database (a count RxDB cannot answer from an index would throw)', async () => {
    await record('submitted');
    await startCorrection(db, await record('returned'));
    expect(await db.submissions.count({ selector: { status: 'submitted' } }).exec()).toBe(1);
    expect(await db.drafts.count({ selector: { kind: 'conflict' } }).exec()).toBe(0);
    expect((await db.drafts.find({ selector: { kind: { $in: ['new', 'correction'] } } }).exec()).length).toBe(1);
    expect(await db.householdPages.count().exec()).toBe(0);
  });
});

import type { FormDoc, Submission, User } from '@kusanya/schemas';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { v7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Local } from '../db/collections.js';
import { openUserDatabase, type KusanyaDatabase } from '../db/database.js';
import { CorrectionClosedError, finalizeCorrection, mayCorrect, openCorrection } from './corrections.js';
import { recoverInterruptedFinalizations, submissionFromDraft } from './drafts.js';

const user: User = { id: v7(), username: 'enumerator', role: 'enumerator', areas: ['CL03010101', 'CL03010102'] };
const formDoc = (version: string, publishedAt: string): FormDoc => ({
  id: `survey@${version}`,
  formId: 'survey',
  version,
  status: 'published',
  publishedAt,
  _deleted: false,
  definition: {
    formId: 'survey',
    version,
    title: { fr: 'Enquête' },
    languages: ['fr'],
    defaultLanguage: 'fr',
    areaField: 'colline',
    fields: [
      { type: 'text', name: 'colline' },
      { type: 'integer', name: 'rooms' },
    ],
    choices: {},
  },
});
const v1 = formDoc('1', '2026-11-01T08:00:00.000Z');
const v2 = formDoc('2', '2026-11-20T08:00:00.000Z');

let db: KusanyaDatabase;
beforeEach(async () => {
  db = await openUserDatabase(v7(), { storage: getRxStorageMemory() });
});
afterEach(async () => {
  await db.remove();
});

const local = ({ _deleted, ...rest }: Submission): Local<Submission> => rest;

/** A record as the server sent it back: quarantined with a message. */
async function quarantined(over: Partial<Submission> = {}): Promise<Local<Submission>> {
  const draft = { id: v7(), kind: 'new' as const, formId: 'survey', formVersion: '1', data: { colline: 'CL03010101', rooms: 0 }, startedAt: new Date().toISOString(), updatedAt: 1 };
  const doc = local({
    ...submissionFromDraft(draft, v1, user, 'device-1'),
    status: 'needs_correction',
    errors: [{ path: 'rooms', message: 'Au moins une pièce.' }],
    rev: 2,
    ...over,
  });
  await db.submissions.insert(doc);
  return doc;
}

describe('corrections', () => {
  it('opens a correction draft with the record id and answers, in the record form version', async () => {
    await db.forms.bulkInsert([v1, v2].map(({ _deleted, ...f }) => f));
    const record = await quarantined();
    const id = await openCorrection(db, record);
    expect(id).toBe(record.id);
    expect((await db.drafts.findOne(id).exec())?.toJSON()).toMatchObject({ kind: 'correction', formVersion: '1', data: record.data });
    // Opening again reopens the same draft, with its edits.
    await (await db.drafts.findOne(id).exec())!.incrementalPatch({ data: { colline: 'CL03010101', rooms: 2 } });
    expect(await openCorrection(db, record)).toBe(id);
    expect((await db.drafts.findOne(id).exec())?.data).toEqual({ colline: 'CL03010101', rooms: 2 });
  });

  it('uses the newest version of the form when the record version is not on the device', async () => {
    await db.forms.insert((({ _deleted, ...f }) => f)(v2));
    const record = await quarantined({ formVersion: '0.9' });
    await openCorrection(db, record);
    expect((await db.drafts.findOne(record.id).exec())?.formVersion).toBe('2');
  });

  it('writes the corrected answers into the record as a resubmission and removes the draft', async () => {
    const record = await quarantined();
    await openCorrection(db, record);
    const draft = (await db.drafts.findOne(record.id).exec())!.toJSON();
    await finalizeCorrection(db, { ...draft, data: { colline: 'CL03010102', rooms: 2 } }, v1, 'device-2', new Date('2026-11-25T10:00:00.000Z'));
    const stored = (await db.submissions.findOne(record.id).exec())!.toJSON();
    expect(stored).toMatchObject({
      status: 'submitted',
      rev: 2,
      data: { colline: 'CL03010102', rooms: 2 },
      // Server-owned fields stay as the server sent them; the server replaces them when it accepts the correction.
      errors: record.errors,
      review: null,
      meta: { area: 'CL03010102', deviceId: 'device-2', finalizedAt: '2026-11-25T10:00:00.000Z', startedAt: record.meta.startedAt },
    });
    expect(await db.drafts.findOne(record.id).exec()).toBeNull();
    expect(mayCorrect(stored)).toBe(false);
  });

  it('keeps the draft when the record can no longer be corrected', async () => {
    const record = await quarantined({ status: 'approved', errors: [] });
    await db.drafts.insert({ id: record.id, kind: 'correction', formId: 'survey', formVersion: '1', data: { rooms: 5 }, startedAt: record.meta.startedAt, updatedAt: 2 });
    const draft = (await db.drafts.findOne(record.id).exec())!.toJSON();
    await expect(finalizeCorrection(db, draft, v1, 'device-1')).rejects.toThrow(CorrectionClosedError);
    expect(await db.drafts.findOne(record.id).exec()).not.toBeNull();
    expect((await db.submissions.findOne(record.id).exec())?.status).toBe('approved');
  });

  it('on start, drops a correction draft only once its record holds its answers', async () => {
    const edited = await quarantined();
    await db.drafts.insert({ id: edited.id, kind: 'correction', formId: 'survey', formVersion: '1', data: { colline: 'CL03010101', rooms: 3 }, startedAt: edited.meta.startedAt, updatedAt: 2 });
    const done = await quarantined({ status: 'submitted', errors: [] });
    await db.drafts.insert({ id: done.id, kind: 'correction', formId: 'survey', formVersion: '1', data: done.data, startedAt: done.meta.startedAt, updatedAt: 2 });
    expect(await recoverInterruptedFinalizations(db)).toBe(1);
    expect(await db.drafts.findOne(edited.id).exec()).not.toBeNull();
    expect(await db.drafts.findOne(done.id).exec()).toBeNull();
  });
});

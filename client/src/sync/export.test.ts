import type { User } from '@kusanya/schemas';
import { checkDeviceExport } from '@kusanya/schemas/validators';
import { checksumOf, checksumPayload } from '@kusanya/shared/sync/device-export';
import { createHash } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { v7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formDocFixture } from '@kusanya/tools/factories/form';
import { createDraft, finalizeDraft, submissionFromDraft } from '../capture/drafts.js';
import { openUserDatabase, type KusanyaDatabase } from '../db/database.js';
import { buildDeviceExport } from './export.js';
import { databasePassword, newDatabaseKey } from '../auth/keyring.js';

const user: User = { id: v7(), username: 'enumerator', role: 'enumerator', areas: ['CL03010101'] };
const form = formDocFixture({ title: { fr: 'Enquête' }, areaField: 'colline' });

let db: KusanyaDatabase;
beforeEach(async () => {
  db = await openUserDatabase(v7(), { storage: getRxStorageMemory(), key: databasePassword(newDatabaseKey()) });
});
afterEach(() => db.remove());

async function capture(name: string) {
  const draft = await createDraft(db, form);
  const submission = submissionFromDraft(
    { ...draft, data: { colline: 'CL03010101', respondent_name: name } },
    form,
    user,
    'device-7',
  );
  await finalizeDraft(db, submission);
  return submission;
}

describe('export of unsynced records', () => {
  it('holds exactly the records waiting to be sent, with a checksum the server can verify', async () => {
    const waiting = [await capture('A'), await capture('B')];
    const sent = await capture('C');
    await db.submissions.findOne(sent.id).incrementalPatch({ status: 'pending_review', rev: 2 });
    const returnedThenCorrected = await capture('D');
    await db.submissions
      .findOne(returnedThenCorrected.id)
      .incrementalPatch({ rev: 4, data: { respondent_name: 'D corrected' } });

    const file = await buildDeviceExport(db, user, 'device-7', null, new Date('2026-11-25T16:00:00.000Z'));
    expect(checkDeviceExport(file).ok).toBe(true);
    expect(file).toMatchObject({
      deviceId: 'device-7',
      user: { id: user.id, username: 'enumerator' },
      exportedAt: '2026-11-25T16:00:00.000Z',
    });
    expect(file.records.map((r) => [r.doc.data['respondent_name'], r.assumedRev])).toEqual([
      ['A', null],
      ['B', null],
      ['D corrected', 4],
    ]);
    expect(file.records[0]!.doc).toEqual(waiting[0]);
    expect(file.checksum).toBe(checksumOf(createHash('sha256').update(checksumPayload(file)).digest('hex')));
  });
});

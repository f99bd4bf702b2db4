import type { Draft, FormDoc, User } from '@kusanya/schemas';
import type { KusanyaDatabase } from '../db/database.js';
import { finalizeCorrection } from './corrections.js';
import { finalizeDraft, submissionFromDraft } from './drafts.js';

/** Where a finished draft went: into the outbox, or (a correction of a record that moved on) a conflict copy. */
export type FinishOutcome = 'outbox' | 'kept-as-conflict';

/** Finishes a new record or a correction ("Finish and put in outbox"). Conflict copies are not finished. */
export async function finishDraft(
  db: KusanyaDatabase,
  draft: Draft,
  data: Draft['data'],
  form: FormDoc,
  user: User,
  deviceId: string,
): Promise<FinishOutcome> {
  if (draft.kind === 'correction') {
    return (await finalizeCorrection(db, draft, data, { form, deviceId })) === 'resubmitted'
      ? 'outbox'
      : 'kept-as-conflict';
  }
  if (draft.kind === 'conflict') throw new Error('A conflict copy is not sent: use it for a correction, or delete it.');
  await finalizeDraft(db, submissionFromDraft({ ...draft, data }, form, user, deviceId));
  return 'outbox';
}

/**
 * Correcting a record the server sent back (returned by a supervisor, or quarantined as needs_correction):
 * the answers are edited in a correction draft (same id as the record) and, when finished, written back to
 * the record as "submitted" so the sync resends it. If the record is no longer correctable by then (another
 * device's correction was accepted, or it was approved or rejected), the answers are kept as a conflict copy.
 */
import type { Draft, Submission } from '@kusanya/schemas';
import { checkSubmission } from '@kusanya/schemas/validators';
import { RESUBMITTABLE_STATUSES } from '@kusanya/shared/sync/protocol';
import { APP_VERSION } from '../app/version.js';
import type { KusanyaDatabase } from '../db/database.js';
import { keepConflictCopy } from './conflicts.js';
import { FinalizeError } from './drafts.js';

/** Statuses in which the device may edit a record: sent back by the server, or corrected and not yet sent. */
export const isCorrectable = (status: Submission['status']) => RESUBMITTABLE_STATUSES.has(status) || status === 'submitted';

/** Opens (or reopens) the correction draft of a record. */
export async function startCorrection(db: KusanyaDatabase, record: Pick<Submission, 'id' | 'formId' | 'formVersion' | 'data' | 'meta'>): Promise<Draft> {
  const existing = await db.drafts.findOne(record.id).exec();
  if (existing) return existing.toJSON() as Draft;
  const draft: Draft = {
    id: record.id,
    kind: 'correction',
    submissionId: record.id,
    formId: record.formId,
    formVersion: record.formVersion,
    data: structuredClone(record.data),
    startedAt: new Date().toISOString(),
    updatedAt: Date.now(),
    ...(record.meta.subject ? { subject: record.meta.subject } : {}),
  };
  await db.drafts.insert(draft);
  return draft;
}

export type CorrectionOutcome = 'resubmitted' | 'kept-as-conflict';

/** Writes a finished correction back to its record (as "submitted"), or keeps it as a conflict copy. */
export async function finalizeCorrection(db: KusanyaDatabase, draft: Draft, data: Draft['data'], now = new Date()): Promise<CorrectionOutcome> {
  const doc = await db.submissions.findOne(draft.submissionId).exec();
  const current = doc?.toJSON() as Omit<Submission, '_deleted'> | undefined;
  if (!doc || !current || !isCorrectable(current.status)) {
    const base = current ? { ...current, _deleted: false } : null;
    await keepConflictCopy(db, { ...draft, data }, base);
    await db.drafts.findOne(draft.id).remove();
    return 'kept-as-conflict';
  }
  const next: Submission = {
    ...current,
    data,
    status: 'submitted',
    meta: { ...current.meta, finalizedAt: now.toISOString(), appVersion: APP_VERSION },
    updatedAt: now.getTime(),
    _deleted: false,
  };
  const checked = checkSubmission(next);
  if (!checked.ok) throw new FinalizeError(checked.errors);
  await doc.incrementalPatch({ data: next.data, status: next.status, meta: next.meta, updatedAt: next.updatedAt });
  await db.drafts.findOne(draft.id).remove();
  return 'resubmitted';
}

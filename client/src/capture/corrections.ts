import type { Draft, FormDoc, Submission } from '@kusanya/schemas';
import { checkSubmission } from '@kusanya/schemas/validators';
import { RESUBMITTABLE_STATUSES } from '@kusanya/shared/sync/protocol';
import { APP_VERSION } from '../app/version.js';
import type { Local } from '../db/collections.js';
import type { KusanyaDatabase } from '../db/database.js';
import { FinalizeError } from './drafts.js';

/**
 * Correction of a record the server quarantined (`needs_correction`, with `errors`) or a supervisor
 * returned (`returned`, with `review.comment`): a draft of kind `correction` with the record's id and
 * answers; finishing it writes the corrected answers into the same record as `submitted`, which the
 * server accepts as a new revision (DESIGN.md §3 rule 4).
 */

export function mayCorrect(submission: Pick<Submission, 'status'>): boolean {
  return RESUBMITTABLE_STATUSES.has(submission.status);
}

/** The newest published version of a form on the device. */
async function latestVersion(db: KusanyaDatabase, formId: string): Promise<string | null> {
  const docs = await db.forms.find({ selector: { formId } }).exec();
  const published = docs.map((d) => d.toJSON() as Local<FormDoc>).filter((f) => f.status === 'published');
  published.sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
  return published[0]?.version ?? null;
}

/**
 * Opens (or reopens) the correction draft of a record; returns its id. The record's own form version
 * is used when the device has it, else the newest version of the same form.
 */
export async function openCorrection(db: KusanyaDatabase, submission: Local<Submission>): Promise<string> {
  const existing = await db.drafts.findOne(submission.id).exec();
  if (existing) return existing.id;
  const own = await db.forms.findOne(`${submission.formId}@${submission.formVersion}`).exec();
  const formVersion = own ? submission.formVersion : ((await latestVersion(db, submission.formId)) ?? submission.formVersion);
  const draft: Draft = {
    id: submission.id,
    kind: 'correction',
    formId: submission.formId,
    formVersion,
    data: submission.data,
    startedAt: submission.meta.startedAt,
    updatedAt: Date.now(),
    ...(submission.meta.subject ? { subject: submission.meta.subject } : {}),
  };
  await db.drafts.insert(draft);
  return draft.id;
}

/** The record can no longer be corrected (e.g. a supervisor approved it meanwhile); the draft is kept. */
export class CorrectionClosedError extends Error {
  constructor(readonly status: Submission['status']) {
    super(`This record can no longer be corrected (status: ${status}).`);
  }
}

/**
 * Writes a correction draft's answers into its record as a resubmission, then removes the draft.
 * Server-owned fields (review, errors, rev) are left as the server last sent them.
 */
export async function finalizeCorrection(
  db: KusanyaDatabase,
  draft: Draft,
  form: Pick<FormDoc, 'definition'>,
  deviceId: string,
  now = new Date(),
): Promise<void> {
  const doc = await db.submissions.findOne(draft.id).exec();
  if (!doc) throw new FinalizeError([{ path: '', message: 'The record to correct is no longer on this device.' }]);
  const areaField = form.definition.areaField;
  const answeredArea = areaField ? draft.data[areaField] : undefined;
  const corrected = (current: Local<Submission>): Local<Submission> => ({
    ...current,
    formVersion: draft.formVersion,
    data: draft.data,
    meta: {
      ...current.meta,
      deviceId,
      finalizedAt: now.toISOString(),
      area: typeof answeredArea === 'string' && answeredArea ? answeredArea : current.meta.area,
      appVersion: APP_VERSION,
    },
    status: 'submitted',
    updatedAt: now.getTime(),
  });
  const current = doc.toJSON() as Local<Submission>;
  if (!mayCorrect(current)) throw new CorrectionClosedError(current.status);
  const checked = checkSubmission({ ...corrected(current), _deleted: false });
  if (!checked.ok) throw new FinalizeError(checked.errors);
  await doc.incrementalModify((latest) => {
    if (!mayCorrect(latest)) throw new CorrectionClosedError(latest.status);
    return corrected(latest as Local<Submission>);
  });
  await db.drafts.findOne(draft.id).remove();
}

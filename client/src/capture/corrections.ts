/**
 * Correcting a record the server sent back (returned by a supervisor, or quarantined as needs_correction):
 * the answers are edited in a correction draft (same id as the record) and, when finished, written back to
 * the record as "submitted" so the sync resends it — a resubmission the server accepts as a new revision
 * (DESIGN.md §3 rule 4). If the record is no longer correctable by then (another device's correction was
 * accepted, or it was approved or rejected), the answers are kept as a conflict copy.
 */
import type { Draft, FormDoc, Submission } from '@kusanya/schemas';
import { checkSubmission } from '@kusanya/schemas/validators';
import { RESUBMITTABLE_STATUSES } from '@kusanya/shared/sync/protocol';
import { APP_VERSION } from '../app/version.js';
import type { Local } from '../db/collections.js';
import type { KusanyaDatabase } from '../db/database.js';
import { keepConflictCopy } from './conflicts.js';
import { FinalizeError } from './drafts.js';

/** Statuses in which the device may edit a record: sent back by the server, or corrected and not yet sent. */
export const isCorrectable = (status: Submission['status']) =>
  RESUBMITTABLE_STATUSES.has(status) || status === 'submitted';

/** The newest published version of a form on the device. */
async function latestVersion(db: KusanyaDatabase, formId: string): Promise<string | null> {
  const docs = await db.forms.find({ selector: { formId } }).exec();
  const published = docs.map((d) => d.toJSON() as Local<FormDoc>).filter((f) => f.status === 'published');
  published.sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
  return published[0]?.version ?? null;
}

/**
 * Opens (or reopens) the correction draft of a record. The record's own form version is used when the device
 * has it, else the newest version of the same form (a record captured before an update can still be corrected).
 */
export async function startCorrection(
  db: KusanyaDatabase,
  record: Pick<Submission, 'id' | 'formId' | 'formVersion' | 'data' | 'meta'>,
): Promise<Draft> {
  const existing = await db.drafts.findOne(record.id).exec();
  if (existing) return existing.toJSON() as Draft;
  const own = await db.forms.findOne(`${record.formId}@${record.formVersion}`).exec();
  const formVersion = own ? record.formVersion : ((await latestVersion(db, record.formId)) ?? record.formVersion);
  const draft: Draft = {
    id: record.id,
    kind: 'correction',
    submissionId: record.id,
    formId: record.formId,
    formVersion,
    data: structuredClone(record.data),
    startedAt: new Date().toISOString(),
    updatedAt: Date.now(),
    ...(record.meta.subject ? { subject: record.meta.subject } : {}),
  };
  await db.drafts.insert(draft);
  return draft;
}

export type CorrectionOutcome = 'resubmitted' | 'kept-as-conflict';

export interface CorrectionContext {
  /** The form the correction was filled with: its area question updates the record's colline. */
  form?: Pick<FormDoc, 'definition'>;
  deviceId?: string;
  now?: Date;
}

/**
 * Writes a finished correction back to its record (as "submitted", with the form version it was corrected
 * with), or keeps it as a conflict copy. Server-owned fields (review, errors, rev) stay as the server sent them.
 */
export async function finalizeCorrection(
  db: KusanyaDatabase,
  draft: Draft,
  data: Draft['data'],
  context: CorrectionContext = {},
): Promise<CorrectionOutcome> {
  const now = context.now ?? new Date();
  const doc = await db.submissions.findOne(draft.submissionId).exec();
  const current = doc?.toJSON() as Omit<Submission, '_deleted'> | undefined;
  if (!doc || !current || !isCorrectable(current.status)) {
    const base = current ? { ...current, _deleted: false } : null;
    await keepConflictCopy(db, { ...draft, data }, base);
    await db.drafts.findOne(draft.id).remove();
    return 'kept-as-conflict';
  }
  const areaField = context.form?.definition.areaField;
  const answeredArea = areaField ? data[areaField] : undefined;
  const next: Submission = {
    ...current,
    formVersion: draft.formVersion,
    data,
    status: 'submitted',
    meta: {
      ...current.meta,
      ...(context.deviceId ? { deviceId: context.deviceId } : {}),
      ...(typeof answeredArea === 'string' && answeredArea ? { area: answeredArea } : {}),
      finalizedAt: now.toISOString(),
      appVersion: APP_VERSION,
    },
    updatedAt: now.getTime(),
    _deleted: false,
  };
  const checked = checkSubmission(next);
  if (!checked.ok) throw new FinalizeError(checked.errors);
  await doc.incrementalPatch({
    formVersion: next.formVersion,
    data: next.data,
    status: next.status,
    meta: next.meta,
    updatedAt: next.updatedAt,
  });
  await db.drafts.findOne(draft.id).remove();
  return 'resubmitted';
}

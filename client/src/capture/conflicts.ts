/**
 * Conflict copies: when this device's version of a record lost a conflict (DESIGN.md §3 rule 3 — e.g. two
 * tablets corrected the same returned record and the other one reached the server first), the answers sent
 * from here are kept on the tablet as a draft of kind "conflict", shown to the enumerator. The server keeps
 * them too (every version received is stored).
 */
import type { Draft, Submission } from '@kusanya/schemas';
import { canonicalJson } from '@kusanya/shared/sync/protocol';
import { v7 } from 'uuid';
import type { KusanyaDatabase } from '../db/database.js';

type Answers = Pick<Draft, 'submissionId' | 'formId' | 'formVersion' | 'data' | 'startedAt'> &
  Partial<Pick<Draft, 'subject'>>;

/** Keeps `answers` as a conflict copy of their record; `server` is the record's state that won (if known). */
export async function keepConflictCopy(
  db: KusanyaDatabase,
  answers: Answers,
  server: Submission | null,
): Promise<Draft | null> {
  const copies = await db.drafts.find({ selector: { submissionId: answers.submissionId } }).exec();
  const same = copies.find((d) => d.kind === 'conflict' && canonicalJson(d.data) === canonicalJson(answers.data));
  if (same) return null;
  const copy: Draft = {
    id: v7(),
    kind: 'conflict',
    submissionId: answers.submissionId,
    formId: answers.formId,
    formVersion: answers.formVersion,
    data: answers.data,
    startedAt: answers.startedAt,
    updatedAt: Date.now(),
    ...(answers.subject ? { subject: answers.subject } : {}),
    conflict: { serverStatus: server?.status ?? 'unknown', serverRev: server?.rev ?? 0, at: new Date().toISOString() },
  };
  await db.drafts.insert(copy);
  return copy;
}

/** The conflict handler's listener: the device's submission lost, keep its answers. */
export function keepLostEdit(db: KusanyaDatabase, local: Submission, server: Submission): Promise<Draft | null> {
  return keepConflictCopy(
    db,
    {
      submissionId: local.id,
      formId: local.formId,
      formVersion: local.formVersion,
      data: local.data,
      startedAt: local.meta.startedAt,
      ...(local.meta.subject ? { subject: local.meta.subject } : {}),
    },
    server,
  );
}

/**
 * Turns a conflict copy into the correction of its record (when the record can be corrected again, e.g. the
 * supervisor returned it): the copy's answers become the correction draft.
 */
export async function reuseConflictCopy(db: KusanyaDatabase, copy: Draft): Promise<Draft> {
  const existing = await db.drafts.findOne(copy.submissionId).exec();
  const correction: Draft = {
    id: copy.submissionId,
    kind: 'correction',
    submissionId: copy.submissionId,
    formId: copy.formId,
    formVersion: copy.formVersion,
    data: copy.data,
    startedAt: new Date().toISOString(),
    updatedAt: Date.now(),
    ...(copy.subject ? { subject: copy.subject } : {}),
  };
  if (existing) await existing.incrementalPatch({ data: copy.data, updatedAt: correction.updatedAt });
  else await db.drafts.insert(correction);
  await db.drafts.findOne(copy.id).remove();
  return correction;
}

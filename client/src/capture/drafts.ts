import type { Draft, FormDoc, Submission, User } from '@kusanya/schemas';
import { checkSubmission } from '@kusanya/schemas/validators';
import { canonicalJson } from '@kusanya/shared/sync/protocol';
import { v7 } from 'uuid';
import { APP_VERSION } from '../app/version.js';
import type { KusanyaDatabase } from '../db/database.js';

export async function createDraft(db: KusanyaDatabase, form: FormDoc): Promise<Draft> {
  const now = new Date();
  const id = v7();
  const draft: Draft = {
    id,
    kind: 'new',
    submissionId: id,
    formId: form.formId,
    formVersion: form.version,
    data: {},
    startedAt: now.toISOString(),
    updatedAt: now.getTime(),
  };
  await db.drafts.insert(draft);
  return draft;
}

/**
 * Saves a draft's answers on every change. Writes are serialised and coalesced: while one write is in
 * flight only the newest answers wait, so fast typing never queues stale writes and nothing typed is lost.
 */
export class DraftSaver {
  private pending: Draft['data'] | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: KusanyaDatabase,
    private readonly draftId: string,
  ) {}

  save(data: Draft['data']): Promise<void> {
    this.pending = data;
    this.running ??= this.flush();
    return this.running;
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending) {
        const data = this.pending;
        this.pending = null;
        const doc = await this.db.drafts.findOne(this.draftId).exec();
        await doc?.incrementalPatch({ data, updatedAt: Date.now() });
      }
    } finally {
      this.running = null;
    }
  }

  /** Resolves when everything handed to save() is on disk. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }
}

export class FinalizeError extends Error {
  constructor(readonly problems: { path: string; message: string }[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
}

/** The submission a draft becomes, ready for the outbox. */
export function submissionFromDraft(
  draft: Draft,
  form: FormDoc,
  user: User,
  deviceId: string,
  now = new Date(),
): Submission {
  const areaField = form.definition.areaField;
  const area = areaField ? draft.data[areaField] : undefined;
  return {
    id: draft.id,
    formId: draft.formId,
    formVersion: draft.formVersion,
    data: draft.data,
    meta: {
      enumeratorId: user.id,
      deviceId,
      startedAt: draft.startedAt,
      finalizedAt: now.toISOString(),
      area: typeof area === 'string' && area ? area : (user.areas[0] ?? ''),
      appVersion: APP_VERSION,
      ...(draft.subject ? { subject: draft.subject } : {}),
    },
    status: 'submitted',
    review: null,
    errors: [],
    rev: 1,
    updatedAt: now.getTime(),
    _deleted: false,
  };
}

/**
 * Moves a draft into the outbox. The submission keeps the draft's id, so if the app dies between the
 * two writes, `recoverInterruptedFinalizations` finishes the move on the next start: never both, never neither.
 */
export async function finalizeDraft(db: KusanyaDatabase, submission: Submission): Promise<void> {
  const checked = checkSubmission(submission);
  if (!checked.ok) throw new FinalizeError(checked.errors);
  const { _deleted, ...local } = submission;
  await db.submissions.insert(local);
  await db.drafts.findOne(submission.id).remove();
}

/**
 * Finishes finalisations interrupted between their two writes (the record written, the draft not yet removed):
 * a new draft whose record exists, a correction whose answers the record already carries as "submitted".
 * Conflict copies are never removed here.
 */
export async function recoverInterruptedFinalizations(db: KusanyaDatabase): Promise<number> {
  const drafts = (await db.drafts.find().exec()).filter((d) => d.kind !== 'conflict');
  if (drafts.length === 0) return 0;
  const records = await db.submissions.findByIds(drafts.map((d) => d.submissionId)).exec();
  const orphans = drafts.filter((d) => {
    const record = records.get(d.submissionId);
    if (!record) return false;
    if (d.kind === 'new') return true;
    return record.status === 'submitted' && canonicalJson(record.data) === canonicalJson(d.data);
  });
  await Promise.all(orphans.map((d) => d.remove()));
  return orphans.length;
}

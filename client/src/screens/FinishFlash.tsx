import { useWorkspace } from '../db/workspace.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useObservable } from '../ui/use-observable.js';

/** What was just finished: a new record, a correction (with the record's id), or answers kept as a conflict copy. */
export type Finished = { kind: 'done' | 'corrected'; id: string } | { kind: 'kept' };

/** The flash after finishing, from the address the form went to (`/outbox?done=<id>`). */
export function finishedFrom(search: URLSearchParams): Finished | undefined {
  if (search.has('kept')) return { kind: 'kept' };
  for (const kind of ['done', 'corrected'] as const) {
    const id = search.get(kind);
    if (id) return { kind, id };
  }
  return undefined;
}

/** Which words say where the finished record is now. */
export function finishMessage(
  finished: Finished,
  status: string | undefined,
  sync: { online: boolean; active: boolean },
): MessageKey {
  if (finished.kind === 'kept') return 'draft.keptAsConflict';
  if (status === 'needs_correction' || status === 'returned') return 'finish.needsCorrection';
  if (status !== undefined && status !== 'submitted') return 'finish.sent';
  if (!sync.online) return finished.kind === 'corrected' ? 'correction.done' : 'form.finalized';
  return 'finish.sending';
}

/**
 * The message after finishing a record, following the record's real state: waiting for a connection while
 * offline, being sent, sent (waiting for review), or back with something to correct.
 */
export function FinishFlash({ finished }: { finished: Finished }) {
  const { db, sync } = useWorkspace();
  const { t } = useI18n();
  const id = finished.kind === 'kept' ? null : finished.id;
  const doc = useObservable(() => db.submissions.findOne(id ?? '').$, null, [db, id]);
  const status = useObservable(() => sync.status$, sync.status$.value, [sync]);
  const key = finishMessage(finished, doc?.status, status);
  return (
    <p className={key === 'finish.needsCorrection' ? 'warn-box' : 'info'} role="status" data-testid="finish-flash">
      {t(key)}
    </p>
  );
}

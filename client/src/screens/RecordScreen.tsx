import type { Submission } from '@kusanya/schemas';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../auth/session.js';
import { isCorrectable, startCorrection } from '../capture/corrections.js';
import { useWorkspace } from '../db/workspace.js';
import { useI18n } from '../i18n/i18n.js';
import { AnswersView } from '../review/AnswersView.js';
import { downloadExport, exportRecords } from '../sync/export.js';
import { useObservable } from '../ui/use-observable.js';
import { ConflictCopies, RecordMessages, StatusBadge, useRecordDrafts, useRecordWords } from './record-parts.js';

/**
 * One record of the outbox, whatever its state: what it says (answers, with the form's words), where it stands,
 * what the supervisor or the server said; and what can be done with it: correct it when it came back (or is not
 * sent yet), save it to a file, delete a correction or a copy in progress (after asking).
 */
export function RecordScreen({ id }: { id: string }) {
  const { db, session, mediaStore } = useWorkspace();
  const { accounts } = useSession();
  const { t, lang } = useI18n();
  const [, navigate] = useLocation();
  const words = useRecordWords();
  const [exported, setExported] = useState<string | null>(null);
  const doc = useObservable(() => db.submissions.findOne(id).$, undefined, [db, id]);
  const drafts = useRecordDrafts().filter((d) => d.submissionId === id);
  if (doc === undefined) return <main aria-busy="true" />;
  if (doc === null) {
    return (
      <main>
        <p className="error" role="alert">
          {t('record.notFound')}
        </p>
        <Link href="/outbox">← {t('form.back')}</Link>
      </main>
    );
  }
  const record = { ...(doc.toJSON() as Omit<Submission, '_deleted'>), _deleted: false } as Submission;
  const form = words.formOf(record);
  const correction = drafts.find((d) => d.kind === 'correction');
  const copies = drafts.filter((d) => d.kind === 'conflict');
  const locale = lang === 'rn' ? 'fr' : lang;

  const correct = async () => navigate(`/draft/${(await startCorrection(db, record)).id}`);
  const remove = async (draftId: string, question: string) => {
    if (window.confirm(question)) await db.drafts.findOne(draftId).remove();
  };
  const exportIt = async () => {
    const file = await exportRecords([record], session.user, accounts.deviceId(), mediaStore);
    setExported(downloadExport(file));
  };

  return (
    <main className="record" data-testid="record-screen" data-status={record.status}>
      <p>
        <Link href="/outbox">← {t('home.outbox')}</Link>
      </p>
      <h1>{words.label(record) || words.title(record)}</h1>
      <p className="row">
        <span>
          {words.title(record)} · {t('record.place', { place: words.place(record) })}
        </span>
        <StatusBadge record={record} />
      </p>
      <small className="muted">
        {t('record.finalized', {
          when: new Date(record.meta.finalizedAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }),
        })}
      </small>
      <RecordMessages record={record} form={form} />
      <div className="actions row">
        {isCorrectable(record.status) && record.status !== 'submitted' ? (
          <button type="button" className="primary big" onClick={() => void correct()}>
            {correction ? t('outbox.continueCorrection') : t('outbox.correct')}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={() => void exportIt()}>
          {t('record.export')}
        </button>
        {correction ? (
          <button
            type="button"
            className="link danger"
            onClick={() => void remove(correction.id, t('record.deleteCorrectionConfirm'))}
          >
            {t('record.deleteCorrection')}
          </button>
        ) : null}
      </div>
      {exported ? (
        <p className="info" role="status">
          {t('record.exported', { file: exported })}
        </p>
      ) : null}
      <ConflictCopies record={record} copies={copies} />
      <h2>{t('record.answers')}</h2>
      {form ? <AnswersView definition={form.definition} data={record.data} /> : null}
    </main>
  );
}

import type { Submission } from '@kusanya/schemas';
import { Link, useLocation, useSearch } from 'wouter';
import { isCorrectable, startCorrection } from '../capture/corrections.js';
import { useWorkspace } from '../db/workspace.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useObservable } from '../ui/use-observable.js';
import { FinishFlash, type Finished } from './FinishFlash.js';
import { ConflictCopies, RecordMessages, StatusBadge, useRecordDrafts, useRecordWords } from './record-parts.js';

type Filter = 'all' | 'waiting' | 'attention' | 'done';

/** Which list a record belongs to: waiting to be sent, to be corrected by the enumerator, or sent. */
export function recordGroup(status: Submission['status']): Exclude<Filter, 'all'> {
  if (status === 'submitted') return 'waiting';
  if (status === 'needs_correction' || status === 'returned') return 'attention';
  return 'done';
}

/**
 * Every record on the tablet with its state (waiting, sent and waiting for review, needs correction with the
 * server's messages, returned with the supervisor's comment, approved, rejected) and its conflict copies. Every
 * card opens the record's page (read, correct, save to a file); records sent back have "Correct" on the card.
 */
export function OutboxScreen({ finished }: { finished?: Finished | undefined }) {
  const { db } = useWorkspace();
  const { t, lang } = useI18n();
  const words = useRecordWords();
  const [, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const filter = (
    ['waiting', 'attention', 'done'].includes(search.get('show') ?? '') ? search.get('show') : 'all'
  ) as Filter;
  const submissions = useObservable(() => db.submissions.find({ sort: [{ updatedAt: 'desc' }] }).$, [], [db]).map(
    (d) => d.toJSON() as Submission,
  );
  const drafts = useRecordDrafts();
  const copiesOf = (id: string) => drafts.filter((d) => d.kind === 'conflict' && d.submissionId === id);
  const correcting = (id: string) => drafts.some((d) => d.kind === 'correction' && d.submissionId === id);
  const groupOf = (s: Submission) => (copiesOf(s.id).length > 0 ? 'attention' : recordGroup(s.status));
  const count = (f: Filter) => (f === 'all' ? submissions.length : submissions.filter((s) => groupOf(s) === f).length);
  const shown = filter === 'all' ? submissions : submissions.filter((s) => groupOf(s) === filter);
  const locale = lang === 'rn' ? 'fr' : lang;

  const correct = async (s: Submission) => {
    const draft = await startCorrection(db, s);
    navigate(`/draft/${draft.id}`);
  };

  return (
    <main className="outbox">
      <p>
        <Link href="/">← {t('form.back')}</Link>
      </p>
      <h1>{t('outbox.title')}</h1>
      {finished ? <FinishFlash finished={finished} /> : null}
      <nav className="filters" aria-label={t('outbox.filter')}>
        {(['all', 'waiting', 'attention', 'done'] as const).map((f) => (
          <Link
            key={f}
            href={f === 'all' ? '/outbox' : `/outbox?show=${f}`}
            className={`chip ${filter === f ? 'active' : ''}`}
            aria-current={filter === f ? 'page' : undefined}
          >
            {t(`outbox.${f}` as MessageKey, { count: count(f) })}
          </Link>
        ))}
      </nav>
      {submissions.length === 0 ? (
        <p className="muted">{t('outbox.empty')}</p>
      ) : shown.length === 0 ? (
        <p className="muted">{t('outbox.noneInFilter')}</p>
      ) : null}
      <ul className="list" data-testid="outbox-list">
        {shown.map((s) => {
          const label = words.label(s);
          const copies = copiesOf(s.id);
          return (
            <li key={s.id} className="card" data-testid="outbox-item" data-status={s.status} data-id={s.id}>
              <div className="row">
                <Link href={`/outbox/${s.id}`} className="card-link" data-testid="outbox-open">
                  <strong>{label || words.title(s)}</strong>
                  {label ? <small className="muted"> · {words.title(s)}</small> : null}
                </Link>
                <StatusBadge record={s} />
              </div>
              <small>
                {new Date(s.meta.finalizedAt).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' })} ·{' '}
                {words.place(s)}
              </small>
              <RecordMessages record={s} form={words.formOf(s)} />
              <ConflictCopies record={s} copies={copies} />
              <div className="row">
                <Link href={`/outbox/${s.id}`} className="button secondary">
                  {t('record.open')}
                </Link>
                {isCorrectable(s.status) && s.status !== 'submitted' ? (
                  <button type="button" className="primary" onClick={() => void correct(s)}>
                    {correcting(s.id) ? t('outbox.continueCorrection') : t('outbox.correct')}
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </main>
  );
}

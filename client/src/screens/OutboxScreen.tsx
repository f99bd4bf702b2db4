import type { Draft, FormDoc, Submission } from '@kusanya/schemas';
import { Link, useLocation, useSearch } from 'wouter';
import { isCorrectable, startCorrection } from '../capture/corrections.js';
import { useWorkspace } from '../db/workspace.js';
import { useCompiledForms } from '../form/compiled-forms.js';
import { describeFieldError, localize } from '../form/labels.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useObservable } from '../ui/use-observable.js';

type Filter = 'all' | 'waiting' | 'attention' | 'done';

/** Which list a record belongs to: waiting to be sent, to be corrected by the enumerator, or sent. */
export function recordGroup(status: Submission['status']): Exclude<Filter, 'all'> {
  if (status === 'submitted') return 'waiting';
  if (status === 'needs_correction' || status === 'returned') return 'attention';
  return 'done';
}

/**
 * Every record on the tablet with its state (waiting, sent and waiting for review, needs correction with the
 * server's messages, returned with the supervisor's comment, approved, rejected), its conflict copies, and a
 * "Correct" action for records sent back.
 */
export function OutboxScreen({ flash }: { flash?: string | undefined }) {
  const { db } = useWorkspace();
  const { t, lang } = useI18n();
  const cache = useCompiledForms();
  const [, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const filter = (
    ['waiting', 'attention', 'done'].includes(search.get('show') ?? '') ? search.get('show') : 'all'
  ) as Filter;
  const submissions = useObservable(() => db.submissions.find({ sort: [{ updatedAt: 'desc' }] }).$, [], [db]).map(
    (d) => d.toJSON() as Submission,
  );
  const drafts = useObservable(
    () => db.drafts.find({ selector: { kind: { $in: ['conflict', 'correction'] } } }).$,
    [],
    [db],
  ).map((d) => d.toJSON() as Draft);
  const forms = useObservable(() => db.forms.find().$, [], [db]).map((d) => d.toJSON() as FormDoc);
  const formOf = (s: Pick<Submission, 'formId' | 'formVersion'>) =>
    forms.find((f) => f.formId === s.formId && f.version === s.formVersion) ?? forms.find((f) => f.formId === s.formId);
  const title = (s: Submission) => {
    const form = formOf(s);
    return form ? localize(form.definition.title, lang, form.definition) : s.formId;
  };
  const label = (s: Submission) => {
    const form = formOf(s);
    return form ? cache.label(form, `${s.id}@${s.updatedAt}`, s.data) : '';
  };
  const copiesOf = (id: string) => drafts.filter((d) => d.kind === 'conflict' && d.submissionId === id);
  const correcting = (id: string) => drafts.some((d) => d.kind === 'correction' && d.submissionId === id);
  const groupOf = (s: Submission) => (copiesOf(s.id).length > 0 ? 'attention' : recordGroup(s.status));
  const count = (f: Filter) => (f === 'all' ? submissions.length : submissions.filter((s) => groupOf(s) === f).length);
  const shown = filter === 'all' ? submissions : submissions.filter((s) => groupOf(s) === filter);

  const correct = async (s: Submission) => {
    const draft = await startCorrection(db, s);
    navigate(`/draft/${draft.id}`);
  };
  const deleteCopy = async (copy: Draft) => {
    if (window.confirm(t('outbox.deleteCopyConfirm'))) await db.drafts.findOne(copy.id).remove();
  };
  const statusText = (status: string) => t(`status.${status}` as MessageKey);

  return (
    <main className="outbox">
      <p>
        <Link href="/">← {t('form.back')}</Link>
      </p>
      <h1>{t('outbox.title')}</h1>
      {flash ? (
        <p className="info" role="status">
          {flash}
        </p>
      ) : null}
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
        {shown.map((s) => (
          <li key={s.id} className="card" data-testid="outbox-item" data-status={s.status} data-id={s.id}>
            <div className="row">
              <span>
                <strong>{label(s) || title(s)}</strong>
                {label(s) ? <small className="muted"> · {title(s)}</small> : null}
              </span>
              <span className={`badge status-${s.status}`}>
                {/* A grievance is not reviewed: it becomes a ticket as soon as the server receives it. */}
                {s.formId === 'grievance' && s.status === 'approved' ? t('status.received') : statusText(s.status)}
              </span>
            </div>
            <small>
              {new Date(s.meta.finalizedAt).toLocaleString(lang === 'rn' ? 'fr' : lang, {
                dateStyle: 'short',
                timeStyle: 'short',
              })}{' '}
              · {s.meta.area}
            </small>
            {s.review?.comment ? (
              <p className="comment">
                {t('outbox.supervisorSays')} “{s.review.comment}”
              </p>
            ) : null}
            {s.status === 'needs_correction' && s.errors.length > 0 ? (
              <div>
                <small>{t('outbox.serverSays')}</small>
                <ul className="field-errors" data-testid="outbox-errors">
                  {s.errors.map((e, i) => (
                    <li key={i}>{describeFieldError(formOf(s)?.definition, e, lang)}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {copiesOf(s.id).map((copy) => (
              <div key={copy.id} className="conflict" data-testid="conflict-copy">
                <p>{t('outbox.conflict', { status: statusText(copy.conflict?.serverStatus ?? s.status) })}</p>
                <div className="row">
                  <Link href={`/draft/${copy.id}`} className="button secondary">
                    {t('outbox.seeCopy')}
                  </Link>
                  <button type="button" className="secondary" onClick={() => void deleteCopy(copy)}>
                    {t('outbox.deleteCopy')}
                  </button>
                </div>
              </div>
            ))}
            {isCorrectable(s.status) && s.status !== 'submitted' ? (
              <button type="button" className="primary" onClick={() => void correct(s)}>
                {correcting(s.id) ? t('outbox.continueCorrection') : t('outbox.correct')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </main>
  );
}

import type { Draft, FormDoc, Submission } from '@kusanya/schemas';
import { Link, useLocation } from 'wouter';
import { mayCorrect, openCorrection } from '../capture/corrections.js';
import type { Local } from '../db/collections.js';
import { useWorkspace } from '../db/workspace.js';
import { useCompiledForms } from '../form/compiled-forms.js';
import { describeFieldError, localize } from '../form/labels.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useObservable } from '../ui/use-observable.js';

export function OutboxScreen({ flash }: { flash?: string | undefined }) {
  const { db } = useWorkspace();
  const { t, lang } = useI18n();
  const cache = useCompiledForms();
  const [, navigate] = useLocation();
  const submissions = useObservable(() => db.submissions.find({ sort: [{ updatedAt: 'desc' }] }).$, [], [db]).map(
    (d) => d.toJSON() as Local<Submission>,
  );
  const forms = useObservable(() => db.forms.find().$, [], [db]).map((d) => d.toJSON() as FormDoc);
  const drafts = useObservable(() => db.drafts.find({ selector: { kind: 'correction' } }).$, [], [db]).map((d) => (d.toJSON() as Draft).id);
  const formOf = (s: Local<Submission>) =>
    forms.find((f) => f.formId === s.formId && f.version === s.formVersion) ?? forms.find((f) => f.formId === s.formId);
  const title = (s: Local<Submission>) => {
    const form = formOf(s);
    return form ? localize(form.definition.title, lang, form.definition) : s.formId;
  };
  const label = (s: Local<Submission>) => {
    const form = formOf(s);
    return form ? cache.label(form, `${s.id}@${s.updatedAt}`, s.data) : '';
  };
  const correct = async (s: Local<Submission>) => navigate(`/draft/${await openCorrection(db, s)}`);

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
      {submissions.length === 0 ? <p className="muted">{t('outbox.empty')}</p> : null}
      <ul className="list" data-testid="outbox-list">
        {submissions.map((s) => {
          const name = label(s);
          const definition = formOf(s)?.definition;
          return (
            <li key={s.id} className="card" data-testid="outbox-item" data-status={s.status}>
              <div className="row">
                <span>
                  <strong>{name || title(s)}</strong>
                  {name ? <small className="muted"> · {title(s)}</small> : null}
                </span>
                <span className={`badge status-${s.status}`}>{t(`status.${s.status}` as MessageKey)}</span>
              </div>
              <small>
                {new Date(s.meta.finalizedAt).toLocaleString()} · {s.meta.area}
              </small>
              {s.status === 'returned' && s.review?.comment ? (
                <p className="comment">
                  {t('outbox.comment')} <q>{s.review.comment}</q>
                </p>
              ) : null}
              {s.status === 'needs_correction' && s.errors.length > 0 ? (
                <>
                  <p className="problems-title">{t('outbox.problems')}</p>
                  <ul className="field-errors" data-testid="outbox-errors">
                    {s.errors.map((e, i) => (
                      <li key={i}>{describeFieldError(definition, e, lang)}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {mayCorrect(s) ? (
                <button type="button" className="big" onClick={() => void correct(s)}>
                  {drafts.includes(s.id) ? t('outbox.continueCorrection') : t('outbox.correct')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </main>
  );
}

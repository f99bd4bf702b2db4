import type { FormDoc, Submission } from '@kusanya/schemas';
import { Link } from 'wouter';
import { useWorkspace } from '../db/workspace.js';
import { localize } from '../form/labels.js';
import { recordLabel } from '../form/record-label.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useObservable } from '../ui/use-observable.js';

export function OutboxScreen({ flash }: { flash?: string | undefined }) {
  const { db } = useWorkspace();
  const { t, lang } = useI18n();
  const submissions = useObservable(() => db.submissions.find({ sort: [{ updatedAt: 'desc' }] }).$, [], [db]).map(
    (d) => d.toJSON() as Submission,
  );
  const forms = useObservable(() => db.forms.find().$, [], [db]).map((d) => d.toJSON() as FormDoc);
  const formOf = (s: Submission) =>
    forms.find((f) => f.formId === s.formId && f.version === s.formVersion) ?? forms.find((f) => f.formId === s.formId);
  const title = (s: Submission) => {
    const form = formOf(s);
    return form ? localize(form.definition.title, lang, form.definition) : s.formId;
  };
  const label = (s: Submission) => recordLabel(formOf(s)?.definition.fields ?? [], s.data);

  return (
    <main className="outbox">
      <p>
        <Link href="/">← {t('form.back')}</Link>
      </p>
      <h1>{t('outbox.title')}</h1>
      {flash ? <p className="info" role="status">{flash}</p> : null}
      {submissions.length === 0 ? <p className="muted">{t('outbox.empty')}</p> : null}
      <ul className="list" data-testid="outbox-list">
        {submissions.map((s) => (
          <li key={s.id} className="card" data-testid="outbox-item" data-status={s.status}>
            <div className="row">
              <span>
                <strong>{label(s) || title(s)}</strong>
                {label(s) ? <small className="muted"> · {title(s)}</small> : null}
              </span>
              <span className={`badge status-${s.status}`}>{t(`status.${s.status}` as MessageKey)}</span>
            </div>
            <small>
              {new Date(s.meta.finalizedAt).toLocaleString()} · {s.meta.area}
            </small>
            {s.review?.comment ? <p className="comment">“{s.review.comment}”</p> : null}
            {s.errors.length > 0 ? (
              <ul className="field-errors">
                {s.errors.map((e, i) => (
                  <li key={i}>
                    {e.path ? `${e.path}: ` : ''}
                    {e.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </main>
  );
}

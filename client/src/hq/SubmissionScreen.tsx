import { useResource } from '../api/client.js';
import { errorText } from '../api/error-text.js';
import { dateText, fieldLabel } from './format.js';
import { Answers } from './HouseholdScreen.js';
import { useHqI18n } from './i18n.js';

/** One submission as received, read-only: its answers with labels, who sent it, and its review decisions. */
export function SubmissionScreen({ id }: { id: string }) {
  const { t, lang } = useHqI18n();
  const review = useResource('GET /api/review/submissions/:id', { params: { id } });
  const doc = review.data?.submission;
  const labels = useResource(doc ? 'GET /api/forms/:formId/labels' : null, {
    params: { formId: doc?.formId ?? '' },
    query: { version: doc?.formVersion ?? '' },
  });
  if (review.error)
    return (
      <main className="hq">
        <p className="error" role="alert">
          {errorText(review.error, t)}
        </p>
      </main>
    );
  if (!doc || !review.data)
    return (
      <main className="hq" aria-busy="true">
        <p>{t('hq.loading')}</p>
      </main>
    );
  const repeats = Object.entries(doc.data).filter(
    ([, v]) => Array.isArray(v) && v.every((x) => typeof x === 'object'),
  ) as [string, Record<string, unknown>[]][];
  return (
    <main className="hq wide-main">
      <p>
        <button type="button" className="secondary" onClick={() => history.back()}>
          ← {t('hq.back')}
        </button>
      </p>
      <h1>{t(`hq.form.${doc.formId}`)}</h1>
      <p>
        <span className={`badge status-${doc.status}`}>{t(`status.${doc.status}`)}</span> ·{' '}
        {t('hq.submission.by', { name: review.data.enumerator })} · {dateText(doc.meta.finalizedAt, lang, true)} ·{' '}
        {t('hq.submission.version', { version: doc.formVersion })}
      </p>
      {review.data.reviews.length > 0 ? (
        <ul className="list">
          {review.data.reviews.map((r, i) => (
            <li key={i} className="card">
              <strong>{t(`hq.decision.${r.decision}`)}</strong> · {r.by} · {dateText(r.at, lang, true)}
              {r.reason ? ` · ${r.reason}` : ''}
              {r.comment ? <p className="comment">{r.comment}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {doc.errors.length > 0 ? (
        <ul className="field-errors">
          {doc.errors.map((e, i) => (
            <li key={i}>
              {e.path}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      <Answers values={doc.data} labels={labels.data} />
      {repeats.map(([name, rows]) => (
        <section key={name}>
          <h2>{fieldLabel(labels.data, name, lang)}</h2>
          {rows.map((row, i) => (
            <details key={i} className="card" open={rows.length <= 3}>
              <summary>
                {t('hq.submission.line', { n: i + 1 })}{' '}
                {typeof row['first_name'] === 'string'
                  ? `· ${row['first_name']} ${String(row['last_name'] ?? '')}`
                  : ''}
              </summary>
              <Answers values={row} labels={labels.data} repeat={name} />
            </details>
          ))}
        </section>
      ))}
    </main>
  );
}

import type { DuplicateCandidate } from '@kusanya/schemas';
import { useState } from 'react';
import { Link } from 'wouter';
import { useWorkspace } from '../db/workspace.js';
import { useCompiledForms } from '../form/compiled-forms.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { AnswersView } from './AnswersView.js';
import { RecordMediaPanel } from '../media/RecordMediaPanel.js';
import { CandidatesPanel } from './CandidatesPanel.js';
import { DecisionPanel, type DecisionChoice } from './DecisionPanel.js';
import { areaName, formTitle, recordTitle } from './labels.js';
import { RegistryChanges } from './RegistryChanges.js';
import { ChangedAnswer } from './ChangedAnswer.js';
import { describeFieldError } from '../form/labels.js';
import { problemText } from '../api/problem-text.js';
import { useApiCall, useResource } from '../api/client.js';
import { errorText } from '../api/error-text.js';
import { ApiError } from '../api/http.js';
import { useFormDocs } from './use-forms.js';

/**
 * One record, read top-down: problems, past decisions and what changed between versions first, then duplicates
 * side by side, registry changes for revisits and the decision; the answers, with labels, after.
 */
export function ReviewRecordScreen({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { session } = useWorkspace();
  const forms = useFormDocs();
  const compiled = useCompiledForms();
  const areas = useResource('GET /api/me/areas');
  const view = useResource('GET /api/review/submissions/:id', { params: { id } });
  const media = useResource('GET /api/media/records/:id', { params: { id } });
  const call = useApiCall();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const canDecide = session.user.role === 'supervisor';

  if (view.offline)
    return (
      <main className="review">
        <p className="info">{t('review.onlineOnly')}</p>
      </main>
    );
  if (!view.data) {
    return (
      <main className="review">
        {view.error ? (
          <p className="error" role="alert">
            {errorText(view.error, t)}
          </p>
        ) : (
          <progress aria-label={t('review.loading')} />
        )}
      </main>
    );
  }
  const { submission, candidates, registry, revisions, reviews } = view.data;
  const form = forms.byVersion(submission.formId, submission.formVersion);
  const undecided = candidates.filter((c) => c.decision === null).length;

  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    setNotice(null);
    try {
      setNotice({ text: await run(), error: false });
    } catch (e) {
      const conflict = e instanceof ApiError && e.status === 409 && e.code === 'conflict';
      setNotice({ text: conflict ? t('review.conflict') : errorText(e, t), error: true });
    } finally {
      setBusy(false);
      view.reload();
    }
  };

  const decide = (choice: DecisionChoice) =>
    act(async () => {
      const body = {
        ...choice,
        rev: submission.rev,
        ...(registry?.stale ? { registryVersion: registry.current.version } : {}),
      };
      const result = await call('POST /api/review/submissions/:id/decision', { params: { id }, body });
      const status = t(`status.${result.submission.status}` as MessageKey);
      return [
        t('review.decided', { status }),
        result.household ? t('review.householdCode', { code: result.household.code }) : '',
      ]
        .filter(Boolean)
        .join(' ');
    });

  const judge = (candidate: DuplicateCandidate, decision: 'same' | 'different') =>
    act(async () => {
      await call('POST /api/review/candidates/:id/decision', {
        params: { id: String(candidate.id) },
        body: { decision },
      });
      return decision === 'same' ? t('review.decidedSame') : t('review.decidedDifferent');
    });

  return (
    <main className="review">
      <p>
        <Link href="/review">← {t('review.back')}</Link>
      </p>
      <h1>
        {recordTitle(compiled, form, `${submission.id}@${submission.rev}`, submission.data, lang) ||
          formTitle(form, submission.formId, lang)}
      </h1>
      <p className="muted">
        {formTitle(form, submission.formId, lang)} · {areaName(areas.data?.areas, submission.meta.area, lang)} ·{' '}
        {t('review.by', { name: view.data.enumerator })} ·{' '}
        <span className={`badge status-${submission.status}`} data-testid="record-status">
          {t(`status.${submission.status}` as MessageKey)}
        </span>
      </p>
      {notice ? (
        <p className={notice.error ? 'error' : 'info'} role={notice.error ? 'alert' : 'status'}>
          {notice.text}
        </p>
      ) : null}
      {submission.errors.length > 0 ? (
        <section className="panel">
          <h2>{t('review.errors')}</h2>
          <ul className="field-errors">
            {submission.errors.map((e, i) => (
              <li key={i}>{describeFieldError(form?.definition, e, lang, (p) => problemText(p, t))}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {reviews.length > 0 ? (
        <section className="panel">
          <h2>{t('review.history')}</h2>
          <ul>
            {reviews.map((r, i) => (
              <li key={i}>
                {new Date(r.at).toLocaleString(lang === 'rn' ? 'fr' : lang)} · {r.by} ·{' '}
                {t(`review.decision.${r.decision}` as MessageKey)}
                {r.reason ? ` · ${t(`review.reason.${r.reason}` as MessageKey)}` : ''}
                {r.comment ? ` · “${r.comment}”` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {revisions.length > 1 ? (
        <section className="panel" data-testid="revisions">
          <h2>{t('review.revisions')}</h2>
          <ol>
            {revisions.map((r) => (
              <li key={r.rev}>
                {t('review.revision', { when: new Date(r.receivedAt).toLocaleString(lang === 'rn' ? 'fr' : lang) })}
                {r.changes.length === 0 ? (
                  <span className="muted"> — {t('review.firstRevision')}</span>
                ) : (
                  <ul>
                    {r.changes.map((c) => (
                      <li key={c.field}>
                        <ChangedAnswer change={c} form={form} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {form ? (
        <CandidatesPanel
          candidates={candidates}
          data={submission.data}
          definition={form.definition}
          canDecide={canDecide && submission.status === 'pending_review'}
          onDecide={(c, d) => void judge(c, d)}
        />
      ) : null}
      {registry && form ? <RegistryChanges registry={registry} definition={form.definition} /> : null}
      <RecordMediaPanel submissionId={submission.id} media={media.data} />
      {canDecide && submission.status === 'pending_review' ? (
        <DecisionPanel
          busy={busy}
          approveBlocked={
            undecided > 0
              ? t('review.decideDuplicatesFirst', { count: undecided })
              : media.data && media.data.missing > 0
                ? t('media.stillComing', { count: media.data.missing })
                : undefined
          }
          onDecide={(c) => void decide(c)}
        />
      ) : null}

      <section className="panel">
        <h2>{t('review.answers')}</h2>
        {form ? (
          <AnswersView definition={form.definition} data={submission.data} />
        ) : (
          <pre>{JSON.stringify(submission.data, null, 2)}</pre>
        )}
      </section>
    </main>
  );
}

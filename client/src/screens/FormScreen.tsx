import type { Draft, FormDoc } from '@kusanya/schemas';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { reuseConflictCopy } from '../capture/conflicts.js';
import { isCorrectable } from '../capture/corrections.js';
import { DraftSaver, FinalizeError } from '../capture/drafts.js';
import { finishDraft } from '../capture/finish.js';
import { useSession } from '../auth/session.js';
import { useWorkspace } from '../db/workspace.js';
import { FormView } from '../form/FormView.js';
import { localize } from '../form/labels.js';
import { missingAnswers } from '../form/required.js';
import { useI18n } from '../i18n/i18n.js';
import { DraftNotice } from '../ui/DraftNotice.js';
import { useObservable } from '../ui/use-observable.js';

type Answers = Draft['data'];

/** Fills one draft. Every change is saved on the device at once; finishing moves it to the outbox. */
export function FormScreen({ draftId, onOpenChange }: { draftId: string; onOpenChange(open: boolean): void }) {
  const { db, session, sync } = useWorkspace();
  const { t, lang } = useI18n();
  const [, navigate] = useLocation();
  const [loaded, setLoaded] = useState<{ draft: Draft; form: FormDoc } | null | 'missing'>(null);
  const [data, setData] = useState<Answers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const saver = useMemo(() => new DraftSaver(db, draftId), [db, draftId]);
  const { accounts } = useSession();
  const loadedDraft = loaded !== null && loaded !== 'missing' ? loaded.draft : null;
  const record = useObservable(() => db.submissions.findOne(loadedDraft?.submissionId ?? '').$, null, [db, loadedDraft?.submissionId]);

  useEffect(() => {
    onOpenChange(true);
    return () => onOpenChange(false);
  }, [onOpenChange]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const draftDoc = await db.drafts.findOne(draftId).exec();
      if (!draftDoc) return setLoaded('missing');
      const draft = draftDoc.toJSON() as Draft;
      const formDoc = await db.forms.findOne(`${draft.formId}@${draft.formVersion}`).exec();
      if (cancelled) return;
      if (!formDoc) return setLoaded('missing');
      setData(draft.data);
      setLoaded({ draft, form: formDoc.toJSON() as FormDoc });
    })();
    return () => {
      cancelled = true;
    };
  }, [db, draftId]);

  if (loaded === null) return <main aria-busy="true" />;
  if (loaded === 'missing') {
    return (
      <main>
        <p className="error">{t('form.notFound')}</p>
        <Link href="/">← {t('form.back')}</Link>
      </main>
    );
  }
  const { draft, form } = loaded;
  const definition = form.definition;

  const change = (next: Answers) => {
    setData(next);
    void saver.save(next);
  };

  const finalize = async () => {
    await saver.settled();
    const missing = missingAnswers(definition.fields, data);
    setErrors(Object.fromEntries(missing.map((e) => [e.path, t('form.required')])));
    if (missing.length > 0) {
      setProblem(t('form.fixErrors'));
      return;
    }
    try {
      const outcome = await finishDraft(db, draft, data, form, session.user, accounts.deviceId());
      sync.reSync();
      navigate(outcome === 'outbox' ? '/outbox?done=1' : '/outbox?show=attention&kept=1');
    } catch (e) {
      setProblem(e instanceof FinalizeError ? `${t('form.fixErrors')} (${e.message})` : (e as Error).message);
    }
  };

  const discard = async () => {
    if (!window.confirm(draft.kind === 'conflict' ? t('outbox.deleteCopyConfirm') : t('form.discardConfirm'))) return;
    await saver.settled();
    await db.drafts.findOne(draftId).remove();
    navigate(draft.kind === 'new' ? '/' : '/outbox');
  };

  const useForCorrection = async () => {
    await saver.settled();
    const correction = await reuseConflictCopy(db, { ...draft, data });
    navigate(`/draft/${correction.id}`);
  };
  const recordCorrectable = record !== null && isCorrectable(record.status) && record.status !== 'submitted';

  return (
    <main className="form-screen">
      <p className="row">
        <Link href="/">← {t('form.back')}</Link>
        <small className="muted">{t('form.save')}</small>
      </p>
      <h1>{localize(definition.title, lang, definition)}</h1>
      <DraftNotice draft={draft} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void finalize();
        }}
      >
        <FormView definition={definition} data={data} errors={errors} onChange={change} />
        {problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
        {draft.kind === 'conflict' ? (
          <div className="form-actions">
            <button type="button" className="secondary" onClick={() => void discard()}>
              {t('outbox.deleteCopy')}
            </button>
            <button type="button" className="primary big" disabled={!recordCorrectable} onClick={() => void useForCorrection()}>
              {t('draft.useForCorrection')}
            </button>
          </div>
        ) : (
          <div className="form-actions">
            <button type="button" className="secondary" onClick={() => void discard()}>
              {t('form.discard')}
            </button>
            <button type="submit" className="primary big">
              {t('form.finalize')}
            </button>
          </div>
        )}
      </form>
    </main>
  );
}

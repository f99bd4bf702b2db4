import type { Draft, FormDoc, Submission } from '@kusanya/schemas';
import { createFormSession, type CompiledForm } from '@kusanya/shared/form/engine';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../auth/session.js';
import { areaScope, placeLabel } from '../capture/area-scope.js';
import { reuseConflictCopy } from '../capture/conflicts.js';
import { isCorrectable } from '../capture/corrections.js';
import { DraftSaver } from '../capture/drafts.js';
import { finishDraft } from '../capture/finish.js';
import type { Local } from '../db/collections.js';
import { useWorkspace } from '../db/workspace.js';
import { Autosave } from '../form/autosave.js';
import { AreaScopeContext, type AreaLimits } from '../form/choice-scope.js';
import { useCompiledForms } from '../form/compiled-forms.js';
import { FormRenderer } from '../form/FormRenderer.js';
import { FormStore } from '../form/form-store.js';
import { localize } from '../form/labels.js';
import { useI18n } from '../i18n/i18n.js';
import { DraftNotice } from '../ui/DraftNotice.js';
import { CorrectionBanner } from './CorrectionBanner.js';
import { MediaCaptureProvider, maxPixelsOfForm, mediaLimitsOnDevice } from '../media/capture-context.js';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'broken'; message: string }
  | { kind: 'ready'; draft: Draft; form: FormDoc; compiled: CompiledForm; record: Local<Submission> | null };

/** The form language for the interface language: the same if the form has it, else the form's default. */
function formLanguage(form: CompiledForm, lang: string): string {
  return form.languages.includes(lang) ? lang : form.defaultLanguage;
}

/**
 * Fills one draft: a new record, the correction of a returned or quarantined one, or a conflict copy (answers
 * of this tablet that lost to another tablet's correction, kept so nothing is lost). Answers are saved on the
 * device as they change.
 */
export function FormScreen({ draftId, onOpenChange }: { draftId: string; onOpenChange(open: boolean): void }) {
  const { db, households } = useWorkspace();
  const { t } = useI18n();
  const cache = useCompiledForms();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    onOpenChange(true);
    return () => onOpenChange(false);
  }, [onOpenChange]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const draftDoc = await db.drafts.findOne(draftId).exec();
      const draft = draftDoc?.toJSON() as Draft | undefined;
      const formDoc = draft ? await db.forms.findOne(`${draft.formId}@${draft.formVersion}`).exec() : null;
      const record = draft && draft.kind !== 'new' ? await db.submissions.findOne(draft.submissionId).exec() : null;
      if (cancelled) return;
      if (!draft || !formDoc) return setLoaded({ kind: 'missing' });
      const form = formDoc.toJSON() as FormDoc;
      const compiled = await cache.load(form, () => households.all());
      if (cancelled) return;
      if (!compiled.ok) return setLoaded({ kind: 'broken', message: compiled.message });
      setLoaded({
        kind: 'ready',
        draft,
        form,
        compiled: compiled.form,
        record: (record?.toJSON() as Local<Submission> | undefined) ?? null,
      });
    })();
    return () => {
      cancelled = true;
    };
  }, [db, households, draftId, cache]);

  if (loaded.kind === 'loading') return <main aria-busy="true" />;
  if (loaded.kind !== 'ready') {
    return (
      <main>
        <p className="error" role="alert">
          {loaded.kind === 'missing' ? t('form.notFound') : t('form.loadError', { message: loaded.message })}
        </p>
        <Link href="/">← {t('form.back')}</Link>
      </main>
    );
  }
  return <FillForm key={loaded.draft.id} {...loaded} />;
}

function FillForm({
  draft,
  form,
  compiled,
  record,
}: {
  draft: Draft;
  form: FormDoc;
  compiled: CompiledForm;
  record: Local<Submission> | null;
}) {
  const { db, session, sync, mediaStore } = useWorkspace();
  // Photos and files of this record are kept beside it, under the id the draft becomes (issue 15).
  const capture = useMemo(
    () => ({
      store: mediaStore,
      submissionId: draft.submissionId,
      limits: mediaLimitsOnDevice,
      maxPixels: maxPixelsOfForm(form.definition),
    }),
    [mediaStore, draft.submissionId, form.definition],
  );
  const { accounts } = useSession();
  const { t, lang } = useI18n();
  const [, navigate] = useLocation();
  const correction = draft.kind === 'correction';
  const conflictCopy = draft.kind === 'conflict';
  const [problem, setProblem] = useState<string | null>(null);

  const store = useMemo(() => {
    // A new, untouched draft gets the form's defaults; otherwise the saved answers are resumed as they are.
    const fresh = draft.kind === 'new' && Object.keys(draft.data).length === 0;
    return new FormStore(
      createFormSession(compiled, {
        ...(fresh ? {} : { data: draft.data }),
        language: formLanguage(compiled, lang),
        env: {
          meta: { instanceID: `uuid:${draft.submissionId}` },
          properties: { deviceid: accounts.deviceId(), username: session.user.username },
        },
      }),
    );
    // The session is created once per draft; the language follows below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [compiled, draft]);
  const autosave = useRef<Autosave | null>(null);
  useEffect(() => {
    const saving = new Autosave(store, new DraftSaver(db, draft.id));
    autosave.current = saving;
    return () => void saving.close();
  }, [store, db, draft.id]);
  useEffect(() => store.setLanguage(formLanguage(compiled, lang)), [store, compiled, lang]);
  const limits = useMemo<AreaLimits | null>(() => {
    const scope = areaScope(form.definition, session.user.areas);
    return scope ? { scope, revisit: draft.subject !== undefined || record?.meta.subject !== undefined } : null;
  }, [form.definition, session.user.areas, draft.subject, record]);
  useEffect(() => {
    const fresh = draft.kind === 'new' && Object.keys(draft.data).length === 0;
    store.session.logAudit({ event: fresh ? 'form start' : 'form resume', start: Date.now() });
  }, [store, draft]);

  const finalize = async () => {
    // The `end` metadata is the moment the record is finished.
    store.session.markEnd();
    store.session.logAudit({ event: 'form finalize', start: Date.now() });
    await autosave.current?.flush();
    const data = store.session.snapshot();
    const areaField = form.definition.areaField;
    const area = areaField ? data[areaField] : undefined;
    if (areaField && typeof area === 'string' && limits?.scope.get(areaField)?.has(area) === false) {
      // Sent, it could only come back refused: it stays a draft, saying why (the question says it too).
      throw new Error(t('area.cannotFinish', { place: placeLabel(form.definition, area, lang) }));
    }
    if (conflictCopy) {
      // A conflict copy is never sent as such: it becomes the correction of its record when that is possible.
      if (!record || !isCorrectable(record.status) || record.status === 'submitted') {
        setProblem(t('draft.cannotReuse'));
        return;
      }
      await autosave.current?.close();
      navigate(`/draft/${(await reuseConflictCopy(db, { ...draft, data })).id}`);
      return;
    }
    const outcome = await finishDraft(db, draft, data, form, session.user, accounts.deviceId());
    sync.reSync();
    navigate(
      outcome === 'kept-as-conflict'
        ? '/outbox?show=attention&kept=1'
        : correction
          ? `/outbox?corrected=${draft.submissionId}`
          : `/outbox?done=${draft.submissionId}`,
    );
  };

  const discard = async () => {
    if (!window.confirm(conflictCopy ? t('outbox.deleteCopyConfirm') : t('form.discardConfirm'))) return;
    await autosave.current?.close();
    await db.drafts.findOne(draft.id).remove();
    navigate(draft.kind === 'new' ? '/' : '/outbox');
  };

  return (
    <main className="form-screen">
      <p className="row">
        <Link href={draft.kind === 'new' ? '/' : '/outbox'}>← {t('form.back')}</Link>
        <small className="muted">{t('form.save')}</small>
      </p>
      <h1>{localize(form.definition.title, lang, form.definition)}</h1>
      <AreaScopeContext.Provider value={limits}>
        <MediaCaptureProvider value={capture}>
          <FormRenderer
            store={store}
            form={compiled}
            finishLabel={
              conflictCopy ? t('draft.useForCorrection') : correction ? t('correction.finalize') : t('form.finalize')
            }
            onFinalize={finalize}
            banner={
              correction ? (
                <CorrectionBanner record={record} draft={draft} definition={form.definition} />
              ) : conflictCopy ? (
                <DraftNotice draft={draft} />
              ) : undefined
            }
            flagFromStart={correction}
          />
        </MediaCaptureProvider>
      </AreaScopeContext.Provider>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <p className="discard">
        <button type="button" className="link danger" onClick={() => void discard()}>
          {conflictCopy ? t('outbox.deleteCopy') : t('form.discard')}
        </button>
      </p>
    </main>
  );
}

import type { Draft, FormDoc, Submission } from '@kusanya/schemas';
import { createFormSession, type CompiledForm } from '@kusanya/shared/form/engine';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../auth/session.js';
import { finalizeCorrection } from '../capture/corrections.js';
import { DraftSaver, finalizeDraft, submissionFromDraft } from '../capture/drafts.js';
import type { Local } from '../db/collections.js';
import { useWorkspace } from '../db/workspace.js';
import { Autosave } from '../form/autosave.js';
import { useCompiledForms } from '../form/compiled-forms.js';
import { FormRenderer } from '../form/FormRenderer.js';
import { FormStore } from '../form/form-store.js';
import { localize } from '../form/labels.js';
import { useI18n } from '../i18n/i18n.js';
import { CorrectionBanner } from './CorrectionBanner.js';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'broken'; message: string }
  | { kind: 'ready'; draft: Draft; form: FormDoc; compiled: CompiledForm; record: Local<Submission> | null };

/** The form language for the interface language: the same if the form has it, else the form's default. */
function formLanguage(form: CompiledForm, lang: string): string {
  return form.languages.includes(lang) ? lang : form.defaultLanguage;
}

/** Fills one draft (a new record or the correction of one). Answers are saved on the device as they change. */
export function FormScreen({ draftId, onOpenChange }: { draftId: string; onOpenChange(open: boolean): void }) {
  const { db } = useWorkspace();
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
      const record = draft?.kind === 'correction' ? await db.submissions.findOne(draft.id).exec() : null;
      if (cancelled) return;
      if (!draft || !formDoc) return setLoaded({ kind: 'missing' });
      const form = formDoc.toJSON() as FormDoc;
      const compiled = cache.get(form);
      if (!compiled.ok) return setLoaded({ kind: 'broken', message: compiled.message });
      setLoaded({ kind: 'ready', draft, form, compiled: compiled.form, record: (record?.toJSON() as Local<Submission> | undefined) ?? null });
    })();
    return () => {
      cancelled = true;
    };
  }, [db, draftId, cache]);

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

function FillForm({ draft, form, compiled, record }: { draft: Draft; form: FormDoc; compiled: CompiledForm; record: Local<Submission> | null }) {
  const { db, session, sync } = useWorkspace();
  const { accounts } = useSession();
  const { t, lang } = useI18n();
  const [, navigate] = useLocation();
  const correction = draft.kind === 'correction';

  const store = useMemo(() => {
    // A new, untouched draft gets the form's defaults; otherwise the saved answers are resumed as they are.
    const fresh = draft.kind === 'new' && Object.keys(draft.data).length === 0;
    return new FormStore(createFormSession(compiled, { ...(fresh ? {} : { data: draft.data }), language: formLanguage(compiled, lang) }));
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

  const finalize = async () => {
    await autosave.current?.flush();
    const data = store.session.snapshot();
    const deviceId = accounts.deviceId();
    if (correction) {
      await finalizeCorrection(db, { ...draft, data }, form, deviceId);
    } else {
      await finalizeDraft(db, submissionFromDraft({ ...draft, data }, form, session.user, deviceId));
    }
    sync.reSync();
    navigate(correction ? '/outbox?corrected=1' : '/outbox?done=1');
  };

  const discard = async () => {
    if (!window.confirm(t('form.discardConfirm'))) return;
    await autosave.current?.close();
    await db.drafts.findOne(draft.id).remove();
    navigate(correction ? '/outbox' : '/');
  };

  return (
    <main className="form-screen">
      <p className="row">
        <Link href={correction ? '/outbox' : '/'}>← {t('form.back')}</Link>
        <small className="muted">{t('form.save')}</small>
      </p>
      <h1>{localize(form.definition.title, lang, form.definition)}</h1>
      <FormRenderer
        store={store}
        form={compiled}
        finishLabel={correction ? t('correction.finalize') : t('form.finalize')}
        onFinalize={finalize}
        banner={correction ? <CorrectionBanner record={record} draft={draft} definition={form.definition} /> : undefined}
        flagFromStart={correction}
      />
      <p className="discard">
        <button type="button" className="link danger" onClick={() => void discard()}>
          {t('form.discard')}
        </button>
      </p>
    </main>
  );
}

import type { FormDefinition } from '@kusanya/schemas';
import { createFormSession, tryCompileForm, type CompiledForm } from '@kusanya/shared/form/engine';
import { Component, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSession } from '../auth/session.js';
import { FormRenderer } from '../form/FormRenderer.js';
import { FormStore } from '../form/form-store.js';
import { householdsCsv, registryDatasetsOf } from '../form/media/media-store.js';
import { useI18n } from '../i18n/i18n.js';

type Compiled = { ok: true; form: CompiledForm } | { ok: false; message: string } | null;

/** Media files whose text the form engine reads (choice lists, pulldata, external instances). */
const DATA_FILE = /\.(csv|xml|geojson)$/i;

/**
 * The form as it would be compiled on a tablet: with the text of the data files chosen beside the workbook, and an
 * empty registry for the registry data sets (the admin's browser holds no households).
 */
function useCompiledPreview(definition: FormDefinition, media: readonly File[]): Compiled {
  const [compiled, setCompiled] = useState<Compiled>(null);
  useEffect(() => {
    let live = true;
    setCompiled(null);
    void (async () => {
      const texts = new Map<string, string>();
      for (const file of media) if (DATA_FILE.test(file.name)) texts.set(file.name, await file.text());
      for (const name of registryDatasetsOf(definition)) texts.set(name, householdsCsv([]));
      const result = tryCompileForm(definition, { media: texts });
      if (!live) return;
      setCompiled(
        result.ok
          ? { ok: true, form: result.form }
          : { ok: false, message: result.problems.map((p) => p.message).join('; ') },
      );
    })();
    return () => {
      live = false;
    };
  }, [definition, media]);
  return compiled;
}

/**
 * Admin: a checked form shown as the enumerator will see it — every screen, its rules and calculations — to walk
 * through and try answers. Nothing is stored: the answers live in this screen only.
 */
export function FormPreview({
  definition,
  media,
  onClose,
}: {
  definition: FormDefinition;
  media: readonly File[];
  onClose(): void;
}) {
  const { t } = useI18n();
  const compiled = useCompiledPreview(definition, media);
  return (
    <section className="form-preview" aria-labelledby="form-preview-title" data-testid="form-preview">
      <p className="row">
        <strong id="form-preview-title">{t('formImport.preview')}</strong>
        <button type="button" className="secondary" onClick={onClose}>
          {t('formImport.previewClose')}
        </button>
      </p>
      <p className="info">{t('formImport.previewIntro')}</p>
      {compiled === null ? (
        <progress aria-label={t('formImport.preview')} />
      ) : compiled.ok ? (
        <PreviewBoundary>
          <PreviewForm form={compiled.form} />
        </PreviewBoundary>
      ) : (
        <p className="error" role="alert">
          {t('formImport.previewCannot', { message: compiled.message })}
        </p>
      )}
    </section>
  );
}

function PreviewForm({ form }: { form: CompiledForm }) {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const [done, setDone] = useState(false);
  const language = form.languages.includes(lang) ? lang : form.defaultLanguage;
  const store = useMemo(
    () =>
      new FormStore(
        createFormSession(form, {
          language,
          env: {
            meta: { instanceID: 'uuid:preview' },
            properties: { deviceid: 'preview', username: session?.user.username ?? '' },
          },
        }),
      ),
    // One session per form; the language follows below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [form],
  );
  useEffect(() => store.setLanguage(language), [store, language]);
  return (
    <>
      <FormRenderer
        store={store}
        form={form}
        finishLabel={t('formImport.previewFinish')}
        onFinalize={async () => setDone(true)}
      />
      {done ? (
        <p className="info" role="status" data-testid="preview-done">
          {t('formImport.previewDone')}
        </p>
      ) : null}
    </>
  );
}

/** A screen of the preview that fails to render says so in words, and the rest of the admin screen stays usable. */
class PreviewBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    return this.state.error ? <PreviewError message={this.state.error.message} /> : this.props.children;
  }
}

function PreviewError({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <p className="error" role="alert" data-testid="preview-broken">
      {t('formImport.previewBroken', { message })}
    </p>
  );
}

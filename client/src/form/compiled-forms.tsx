import type { FormDoc, FormNode, HouseholdDoc } from '@kusanya/schemas';
import { createFormSession, tryCompileForm, type CompiledForm } from '@kusanya/shared/form/engine';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { whenIdle } from '../app/when-idle.js';
import { useSession } from '../auth/session.js';
import { useWorkspace } from '../db/workspace.js';
import { FormMediaStore, householdsCsv, registryDatasetsOf } from './media/media-store.js';
import { recordTitle } from './record-label.js';

export type CompileOutcome = { ok: true; form: CompiledForm } | { ok: false; message: string };

type Doc = Pick<FormDoc, 'id' | 'definition'>;

/**
 * Published form versions compiled once per workspace (versions are immutable), shared by every
 * screen; and the record labels (the form's instance name) computed once per record version. A form
 * with data files (form media) is compiled with the files on the device (`load`); `get` compiles
 * without them, which is enough for labels and review.
 */
export class CompiledFormCache {
  private readonly forms = new Map<string, CompileOutcome>();
  private readonly withMedia = new Map<string, { signature: string; outcome: CompileOutcome }>();
  private readonly labels = new Map<string, string>();

  constructor(readonly media: FormMediaStore) {}

  get(doc: Doc): CompileOutcome {
    let outcome = this.forms.get(doc.id);
    if (!outcome) {
      outcome = compile(doc, new Map());
      this.forms.set(doc.id, outcome);
    }
    return outcome;
  }

  /**
   * The form compiled with its data files as they are on the device (and the registry data sets built
   * from the households pulled here); compiled again once more files arrive.
   */
  async load(doc: Doc, households: () => Promise<readonly HouseholdDoc[]>): Promise<CompileOutcome> {
    const definition = doc.definition;
    if ((definition.media ?? []).length === 0 && registryDatasetsOf(definition).length === 0) return this.get(doc);
    const texts = await this.media.texts(definition);
    for (const name of registryDatasetsOf(definition)) texts.set(name, householdsCsv(await households()));
    const signature = [...texts].map(([name, text]) => `${name}:${text.length}`).join('|');
    const known = this.withMedia.get(doc.id);
    if (known && known.signature === signature) return known.outcome;
    const outcome = compile(doc, texts);
    this.withMedia.set(doc.id, { signature, outcome });
    return outcome;
  }

  /**
   * Compiles a form ahead of its first opening, when the tablet is idle (once: versions are immutable), so that
   * opening it is not kept waiting by the compilation. A form with data files is compiled when it opens, with the
   * files then on the device. Returns a function that cancels a preparation not started yet.
   */
  prepare(doc: Doc): () => void {
    const definition = doc.definition;
    if (this.forms.has(doc.id) || (definition.media ?? []).length > 0 || registryDatasetsOf(definition).length > 0)
      return () => undefined;
    return whenIdle(() => void this.get(doc), 2000);
  }

  /**
   * A short label for a record in lists, in words (form/record-label.ts): the form's instance name with place
   * and choice names (e.g. "Jean Niyonzima — Mubuga"), else its first text answer and its place; empty when
   * nothing names it yet. `key` names this version of the record (id and update time).
   */
  label(doc: Doc, key: string, data: Record<string, unknown>, lang = 'fr'): string {
    const cacheKey = `${doc.id}|${key}|${lang}`;
    let label = this.labels.get(cacheKey);
    if (label === undefined) {
      const compiled = this.get(doc);
      let name: string | undefined;
      if (compiled.ok && compiled.form.instanceName) {
        const language = compiled.form.languages.includes(lang) ? lang : compiled.form.defaultLanguage;
        name = createFormSession(compiled.form, { data, language }).instanceName();
      }
      label = recordTitle(doc.definition, name, data, lang);
      this.labels.set(cacheKey, label);
    }
    return label;
  }
}

function compile(doc: Doc, media: Map<string, string>): CompileOutcome {
  const result = tryCompileForm(doc.definition, { media });
  return result.ok
    ? { ok: true, form: result.form }
    : { ok: false, message: result.problems.map((p) => p.message).join('; ') };
}

const CompiledFormsContext = createContext<CompiledFormCache | null>(null);

/** The form cache of the logged-in user's workspace, and the download of form media after each forms pull. */
export function CompiledFormsProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const token = session?.token ?? null;
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const [cache] = useState(() => new CompiledFormCache(new FormMediaStore(() => tokenRef.current)));
  useEffect(() => () => cache.media.close(), [cache]);
  return (
    <CompiledFormsContext.Provider value={cache}>
      <FormMediaDownload cache={cache} online={token !== null} />
      {children}
    </CompiledFormsContext.Provider>
  );
}

/** Downloads the media files of the published forms on this device that are not here yet. */
function FormMediaDownload({ cache, online }: { cache: CompiledFormCache; online: boolean }) {
  const { db } = useWorkspace();
  useEffect(() => {
    if (!online) return undefined;
    let running = false;
    let latest: FormDoc[] | null = null;
    const run = () => {
      if (running || !latest) return;
      const files = latest.flatMap((d) => d.definition.media ?? []);
      if (latest.some((d) => hasType(d.definition.fields, 'barcode'))) {
        void import('./widgets/barcode-decoder.js').then((m) => m.prefetchBarcodeDecoder());
      }
      latest = null;
      if (files.length === 0) return;
      running = true;
      void cache.media.ensure(files).finally(() => {
        running = false;
        run();
      });
    };
    const subscription = db.forms.find().$.subscribe((docs) => {
      latest = docs.map((d) => d.toJSON() as FormDoc);
      run();
    });
    return () => subscription.unsubscribe();
  }, [db, cache, online]);
  return null;
}

function hasType(fields: readonly FormNode[], type: FormNode['type']): boolean {
  return fields.some((f) => f.type === type || (f.children !== undefined && hasType(f.children, type)));
}

/** Prepares `doc` (compiled when the tablet is idle) while the calling screen shows: it is likely to open next. */
export function usePreparedForm(doc: Doc | undefined): void {
  const cache = useCompiledForms();
  // A form version is immutable: its id says when it changed (the screen passes a new object on each render).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => (doc ? cache.prepare(doc) : undefined), [cache, doc?.id]);
}

export function useCompiledForms(): CompiledFormCache {
  const cache = useContext(CompiledFormsContext);
  if (!cache) throw new Error('useCompiledForms outside CompiledFormsProvider');
  return cache;
}

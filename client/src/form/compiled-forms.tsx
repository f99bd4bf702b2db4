import type { FormDoc } from '@kusanya/schemas';
import { createFormSession, tryCompileForm, type CompiledForm } from '@kusanya/shared/form/engine';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { recordTitle } from './record-label.js';

export type CompileOutcome = { ok: true; form: CompiledForm } | { ok: false; message: string };

/**
 * Published form versions compiled once per workspace (versions are immutable), shared by every
 * screen; and the record labels (the form's instance name) computed once per record version.
 */
export class CompiledFormCache {
  private readonly forms = new Map<string, CompileOutcome>();
  private readonly labels = new Map<string, string>();

  get(doc: Pick<FormDoc, 'id' | 'definition'>): CompileOutcome {
    let outcome = this.forms.get(doc.id);
    if (!outcome) {
      const result = tryCompileForm(doc.definition);
      outcome = result.ok
        ? { ok: true, form: result.form }
        : { ok: false, message: result.problems.map((p) => p.message).join('; ') };
      this.forms.set(doc.id, outcome);
    }
    return outcome;
  }

  /**
   * A short label for a record in lists, in words (form/record-label.ts): the form's instance name with place
   * and choice names (e.g. "Jean Niyonzima — Mubuga"), else its first text answer and its place; empty when
   * nothing names it yet. `key` names this version of the record (id and update time).
   */
  label(doc: Pick<FormDoc, 'id' | 'definition'>, key: string, data: Record<string, unknown>, lang = 'fr'): string {
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

const CompiledFormsContext = createContext<CompiledFormCache | null>(null);

export function CompiledFormsProvider({ children }: { children: ReactNode }) {
  const [cache] = useState(() => new CompiledFormCache());
  return <CompiledFormsContext.Provider value={cache}>{children}</CompiledFormsContext.Provider>;
}

export function useCompiledForms(): CompiledFormCache {
  const cache = useContext(CompiledFormsContext);
  if (!cache) throw new Error('useCompiledForms outside CompiledFormsProvider');
  return cache;
}

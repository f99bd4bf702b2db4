import type { FieldLabel, FormDefinition, FormLabels, FormNode, LocalizedText } from '@kusanya/schemas';
import type { CompiledForms } from '../compiled-forms.js';

/** The labels of a form definition's questions and choices (groups flattened, repeats apart). */
export function formLabels(definition: FormDefinition): FormLabels {
  const fields: Record<string, FieldLabel> = {};
  const repeats: Record<string, Record<string, FieldLabel>> = {};
  const groups: Record<string, LocalizedText> = {};
  const choicesOf = (list: string | undefined) =>
    list && definition.choices[list]
      ? Object.fromEntries(definition.choices[list]!.map((c) => [c.name, c.label]))
      : undefined;
  const walk = (nodes: readonly FormNode[], into: Record<string, FieldLabel>, group: string | undefined) => {
    for (const node of nodes) {
      if (node.type === 'group') {
        if (node.label) groups[node.name] = node.label;
        walk(node.children ?? [], into, node.name);
      } else if (node.type === 'repeat') {
        const inner: Record<string, FieldLabel> = {};
        walk(node.children ?? [], inner, undefined);
        repeats[node.name] = inner;
        into[node.name] = { type: 'repeat', label: node.label ?? null };
      } else if (node.type !== 'note') {
        const choices = choicesOf(node.list);
        into[node.name] = {
          type: node.type,
          label: node.label ?? null,
          ...(group ? { group } : {}),
          ...(choices ? { choices } : {}),
        };
      }
    }
  };
  walk(definition.fields, fields, undefined);
  return {
    formId: definition.formId,
    version: definition.version,
    defaultLanguage: definition.defaultLanguage,
    fields,
    groups,
    repeats,
  };
}

/** Labels of the newest published version of a form, computed once per version (held by the app context). */
export class FormLabelsCache {
  private readonly cache = new Map<string, FormLabels>();

  constructor(
    private readonly latestVersion: (formId: string) => string | null,
    private readonly forms: CompiledForms,
  ) {}

  latest(formId: string): FormLabels | null {
    const version = this.latestVersion(formId);
    return version ? this.of(formId, version) : null;
  }

  of(formId: string, version: string): FormLabels | null {
    const key = `${formId}@${version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const form = this.forms.get(formId, version);
    if (!form) return null;
    const labels = formLabels(form.doc.definition);
    this.cache.set(key, labels);
    return labels;
  }
}

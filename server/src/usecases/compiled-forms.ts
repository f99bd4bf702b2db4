import type { FormDoc } from '@kusanya/schemas';
import { compileForm, type CompiledForm } from '@kusanya/shared/form/engine';
import { storedFields, type StoredFields } from '../domain/registry/household-answers.js';
import type { FormsRepository } from '../repositories/forms.js';

export interface LoadedForm {
  doc: FormDoc;
  compiled: CompiledForm;
  /** The questions whose answers the registry stores (see householdAnswers). */
  stored: StoredFields;
}

/**
 * Published form versions compiled once and kept for the life of the app instance (versions are
 * immutable, so a cached compilation never goes stale). Held by the app context, not the module.
 */
export class CompiledForms {
  private readonly cache = new Map<string, LoadedForm | null>();

  constructor(private readonly forms: FormsRepository) {}

  get(formId: string, version: string): LoadedForm | null {
    const key = `${formId}@${version}`;
    if (!this.cache.has(key)) {
      const doc = this.forms.get(formId, version);
      // Unknown versions are not cached: the version may be published later.
      if (!doc) return null;
      const media = this.forms.mediaTexts(doc.definition);
      this.cache.set(key, {
        doc,
        compiled: compileForm(doc.definition, { media }),
        stored: storedFields(doc.definition),
      });
    }
    return this.cache.get(key) ?? null;
  }
}

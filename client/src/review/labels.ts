import type { Area, FormDoc } from '@kusanya/schemas';
import { localize } from '../form/labels.js';
import type { CompiledFormCache } from '../form/compiled-forms.js';

/** "Mubuga (sample)" for a colline code, or the code when unknown. */
export function areaName(areas: readonly Area[] | undefined, code: string): string {
  return areas?.find((a) => a.code === code)?.name ?? code;
}

export function formTitle(form: FormDoc | undefined, formId: string, lang: string): string {
  return form ? localize(form.definition.title, lang, form.definition) : formId;
}

/** Who or what a record is about (the form's instance name), for lists; `key` names the record version. */
export function recordTitle(
  cache: CompiledFormCache,
  form: FormDoc | undefined,
  key: string,
  data: Record<string, unknown>,
): string {
  return form ? cache.label(form, key, data) : '';
}

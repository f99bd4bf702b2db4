import type { Area, FormDoc } from '@kusanya/schemas';
import { localize, sampleMarked } from '../form/labels.js';
import type { CompiledFormCache } from '../form/compiled-forms.js';

/** A colline's name for a code ("Mubuga (exemple)" for sample places, in the language), or the code when unknown. */
export function areaName(areas: readonly Area[] | undefined, code: string, lang: string): string {
  const name = areas?.find((a) => a.code === code)?.name;
  return name === undefined ? code : sampleMarked(name, lang);
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
  lang: string,
): string {
  return form ? cache.label(form, key, data, lang) : '';
}

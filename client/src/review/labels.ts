import type { Area, FormDoc } from '@kusanya/schemas';
import { localize } from '../form/labels.js';
import { recordLabel } from '../form/record-label.js';

/** "Mubuga (sample)" for a colline code, or the code when unknown. */
export function areaName(areas: readonly Area[] | undefined, code: string): string {
  return areas?.find((a) => a.code === code)?.name ?? code;
}

export function formTitle(form: FormDoc | undefined, formId: string, lang: string): string {
  return form ? localize(form.definition.title, lang, form.definition) : formId;
}

/** Who or what a record is about, for lists. */
export function recordTitle(form: FormDoc | undefined, data: Record<string, unknown>): string {
  return form ? recordLabel(form.definition.fields, data) : '';
}

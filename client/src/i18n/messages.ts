/**
 * Interface texts in French (default), Kirundi and English, one catalogue per feature (`core.ts`,
 * `capture.ts`, …). English is the reference: the type requires French and Kirundi to translate every key.
 * Kirundi texts are a first version to be reviewed by native speakers in the programme.
 */
import { capture } from './capture.js';
import { core } from './core.js';
import { hqNav } from './hq-nav.js';

const en = { ...core.en, ...capture.en, ...hqNav.en };

export type MessageKey = keyof typeof en;
type Messages = Record<MessageKey, string>;

const fr: Messages = { ...core.fr, ...capture.fr, ...hqNav.fr };
const rn: Messages = { ...core.rn, ...capture.rn, ...hqNav.rn };

export const LANGUAGES = [
  { code: 'fr', name: 'Français' },
  { code: 'rn', name: 'Ikirundi' },
  { code: 'en', name: 'English' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

export const MESSAGES: Record<Language, Messages> = { fr, rn, en };

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/**
 * Interface texts in French (default), Kirundi and English, one catalogue per feature (`core.ts`,
 * `capture.ts`, …). English is the reference: the type requires French and Kirundi to translate every key.
 * Kirundi texts are a first version to be reviewed by native speakers in the programme.
 */
import { admin } from './admin.js';
import { capture } from './capture.js';
import { core } from './core.js';
import { review } from './review.js';
import { sync } from './sync.js';
import { security } from './security.js';
import { formImport } from './form-import.js';
import { households } from './households.js';
import { forms } from './forms.js';
import { hqNav } from './hq-nav.js';
import { widgets } from './widgets.js';
import { apiTokens } from './api-tokens.js';
import { pairing } from './pairing.js';
import { media } from './media.js';

// One line per feature catalogue, in each language (merges of parallel work stay one-line edits).
const en = {
  ...core.en,
  ...capture.en,
  ...sync.en,
  ...review.en,
  ...security.en,
  ...admin.en,
  ...forms.en,
  ...formImport.en,
  ...households.en,
  ...hqNav.en,
  ...widgets.en,
  ...apiTokens.en,
  ...pairing.en,
  ...media.en,
};

export type MessageKey = keyof typeof en;
type Messages = Record<MessageKey, string>;

const fr: Messages = {
  ...core.fr,
  ...capture.fr,
  ...sync.fr,
  ...review.fr,
  ...security.fr,
  ...admin.fr,
  ...forms.fr,
  ...formImport.fr,
  ...households.fr,
  ...hqNav.fr,
  ...widgets.fr,
  ...apiTokens.fr,
  ...pairing.fr,
  ...media.fr,
};
const rn: Messages = {
  ...core.rn,
  ...capture.rn,
  ...sync.rn,
  ...review.rn,
  ...security.rn,
  ...admin.rn,
  ...forms.rn,
  ...formImport.rn,
  ...households.rn,
  ...hqNav.rn,
  ...widgets.rn,
  ...apiTokens.rn,
  ...pairing.rn,
  ...media.rn,
};

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

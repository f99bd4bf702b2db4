/**
 * Interface texts in French (default), Kirundi and English: one ICU MessageFormat file per language
 * (`messages/fr.json`, `rn.json`, `en.json`) that translators edit with their usual tools (Weblate, Crowdin,
 * Poedit read ICU JSON), with plurals (`{count, plural, one {# fiche} other {# fiches}}`) and selects. English is
 * the reference set of keys: the type requires French and Kirundi to have every key, and `catalogue.test.ts`
 * fails on a missing key, an extra one, a message that does not parse, or arguments that differ from English.
 * Kirundi texts are a first version to be reviewed by native speakers in the programme.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import en from './messages/en.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };
import rn from './messages/rn.json' with { type: 'json' };

export type MessageKey = keyof typeof en;
type Messages = Record<MessageKey, string>;

export const LANGUAGES = [
  { code: 'fr', name: 'Français' },
  { code: 'rn', name: 'Ikirundi' },
  { code: 'en', name: 'English' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

export const MESSAGES: Record<Language, Messages> = { fr, rn, en };

/**
 * The locales whose number and plural rules a language uses. Browsers' CLDR data has no plural rules for
 * Kirundi: its messages fall back to French rules (one / other), close to Kirundi's singular / plural nouns.
 */
export const LOCALES: Record<string, readonly string[]> = { fr: ['fr'], rn: ['rn', 'fr'], en: ['en'] };

export type MessageValues = Record<string, string | number>;

/**
 * Formats an ICU message; parsed messages are kept per language (`cache`, one per provider). A message that
 * cannot be formatted (a missing argument) shows its text rather than failing the screen.
 */
export function format(
  template: string,
  values: MessageValues = {},
  lang = 'fr',
  cache: Map<string, IntlMessageFormat> = new Map(),
): string {
  const id = `${lang}\u0000${template}`;
  let message = cache.get(id);
  if (!message) {
    message = new IntlMessageFormat(template, [...(LOCALES[lang] ?? [lang])], undefined, { ignoreTag: true });
    cache.set(id, message);
  }
  try {
    return String(message.format(values));
  } catch {
    return template;
  }
}

import type { FormDefinition, LocalizedText } from '@kusanya/schemas';

/** Text in the chosen language, else the form's default language, else any language it has. */
export function localize(text: LocalizedText | undefined, lang: string, definition: Pick<FormDefinition, 'defaultLanguage'>): string {
  if (!text) return '';
  return text[lang] ?? text[definition.defaultLanguage] ?? Object.values(text).find((v) => v !== undefined) ?? '';
}

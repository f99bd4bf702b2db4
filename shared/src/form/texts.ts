import type { LocalizedText } from '@kusanya/schemas';
import { toText } from '../expr/values.js';
import type { CompiledText, TextPart } from './model.js';
import { readRef, type Scope } from './scope.js';

/** The language to show: the requested one, else the form's default, else any. */
export function pickLanguage<T>(byLanguage: ReadonlyMap<string, T>, language: string, fallback: string): T | undefined {
  return byLanguage.get(language) ?? byLanguage.get(fallback) ?? byLanguage.values().next().value;
}

/** Plain translated text (choice labels, titles) with the same fallback rule. */
export function localized(text: LocalizedText | undefined, language: string, fallback: string): string | undefined {
  if (!text) return undefined;
  return text[language] ?? text[fallback] ?? Object.values(text).find((t) => t !== undefined);
}

/** A compiled text in a language, with `${name}` replaced by the current answers seen from `scope`. */
export function renderText(
  text: CompiledText | undefined,
  scope: Scope,
  language: string,
  fallback: string,
): string | undefined {
  if (!text) return undefined;
  const parts: readonly TextPart[] | undefined = pickLanguage(text.byLanguage, language, fallback);
  if (!parts) return undefined;
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : toText(readRef(part, scope));
  return out;
}

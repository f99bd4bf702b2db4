import type { FieldLabel, FormLabels, LocalizedText } from '@kusanya/schemas';
import { sampleMarked } from '../form/labels.js';

/** A place's name in the user's language (sample places marked in words), or its code when it has no name. */
export function placeName(name: string | null | undefined, code: string, lang: string): string {
  return name ? sampleMarked(name, lang) : code;
}

/** Text in the user's language, else the form's default language, else any. */
export function pick(text: LocalizedText | null | undefined, lang: string, fallback = ''): string {
  if (!text) return fallback;
  return text[lang] ?? text['fr'] ?? Object.values(text)[0] ?? fallback;
}

export function fieldLabel(labels: FormLabels | null, field: string, lang: string, repeat?: string): string {
  const info = repeat ? labels?.repeats[repeat]?.[field] : labels?.fields[field];
  return pick(info?.label, lang, field);
}

/** A stored answer in words: choice labels, lists, GPS points, dates as they are. */
export function answerText(value: unknown, info: FieldLabel | undefined, lang: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const choice = (v: unknown) =>
    info?.choices && typeof v === 'string' && info.choices[v] ? pick(info.choices[v], lang, v) : String(v);
  if (Array.isArray(value)) return value.map(choice).join(', ');
  if (typeof value === 'object') {
    const point = value as Record<string, unknown>;
    if (typeof point['lat'] === 'number')
      return `${point['lat']}, ${point['lon']}${typeof point['accuracy'] === 'number' ? ` (± ${point['accuracy']} m)` : ''}`;
    return JSON.stringify(value);
  }
  return choice(value);
}

export function dateText(iso: string | null | undefined, lang: string, withTime = false): string {
  if (!iso) return '—';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  return withTime
    ? date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })
    : date.toLocaleDateString(locale, { dateStyle: 'medium', timeZone: iso.length === 10 ? 'UTC' : undefined });
}

export function numberText(value: number | null | undefined, lang: string, digits = 0): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: digits });
}

export const fullName = (p: { firstName: string | null; lastName: string | null }) =>
  [p.firstName, p.lastName].filter(Boolean).join(' ') || '—';

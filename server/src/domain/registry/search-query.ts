import { normalizeName } from './normalize.js';

/**
 * What a person typed in the registry search box, turned into FTS5 match expressions for the `search_fts`
 * index (migration 050). Results come in tiers, best first:
 *   0. the exact identifier: household code, national ID or phone number, typed with or without separators;
 *   1. the exact full name, in any order ("Ndayishimiye Jean" finds Jean Ndayishimiye);
 *   2. every word found whole (in a name, an ID or a code);
 *   3. every word found as the beginning of a word (partial input: "ndayi", "0123/45").
 * Case and accents never matter (the tokenizer removes them); French transcription variants of Kirundi
 * names ("Nkourounziza") match through the normalised name stored beside the written one.
 */
export interface SearchMatch {
  /** One expression per tier; a tier is null when the input cannot match at that tier. */
  tiers: (string | null)[];
}

export const SEARCH_TIERS = ['identifier', 'name', 'word', 'prefix'] as const;
export type SearchTier = (typeof SEARCH_TIERS)[number];

/** Words of the input: letters and digits only, lower-case, accents removed. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The one-token key of a full name (its normalised words, sorted, run together), as the index stores it. */
export function nameKey(...parts: (string | null | undefined)[]): string {
  return normalizeName(...parts).replace(/ /g, '');
}

const quote = (token: string) => `"${token}"`;

function wordExpression(word: string, prefix: boolean): string {
  const variants = new Set([word]);
  if (/^[a-z]+$/.test(word)) {
    const normalized = normalizeName(word);
    if (normalized) variants.add(normalized);
  }
  const terms = [...variants].map((v) => (prefix && v.length >= 2 ? `${quote(v)}*` : quote(v)));
  return terms.length === 1 ? terms[0]! : `(${terms.join(' OR ')})`;
}

/** Null when there is nothing to search for (no letter or digit, or a single character). */
export function buildSearchMatch(text: string): SearchMatch | null {
  const words = searchWords(text).slice(0, 8);
  const compact = words.join('');
  if (compact.length < 2) return null;
  const digits = /\d/.test(compact);
  const identifier = digits && compact.length >= 4 ? `ids : ${quote(compact)}` : null;
  const fullName = !digits && words.length >= 2 ? `ids : ${quote(nameKey(words.join(' ')))}` : null;
  const exactWords = `{name ids} : (${words.map((w) => wordExpression(w, false)).join(' AND ')})`;
  // A single letter typed after other words ("jean n") is not a useful prefix: leave it out.
  const prefixWords = words.length > 1 ? words.filter((w) => w.length >= 2 || /\d/.test(w)) : words;
  const prefixed = `{name ids} : (${(prefixWords.length > 0 ? prefixWords : words).map((w) => wordExpression(w, true)).join(' AND ')})`;
  const compactPrefix = words.length > 1 && digits ? ` OR ids : ${quote(compact)}*` : '';
  const raw = [identifier, fullName, exactWords, `(${prefixed})${compactPrefix}`];
  // Each tier leaves out what a better tier already found.
  const tiers = raw.map((expression, i) => {
    if (expression === null) return null;
    const better = raw.slice(0, i).filter((e): e is string => e !== null);
    return better.length === 0 ? expression : `(${expression}) NOT (${better.map((e) => `(${e})`).join(' OR ')})`;
  });
  return { tiers };
}

/** Restricts a match to documents whose place holds one of the codes (location filter, user's areas). */
export function withinPlaces(match: string, codes: readonly string[]): string {
  if (codes.length === 0) return match;
  const terms = codes.map((code) => {
    const parts = searchWords(code).map(quote);
    return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
  });
  return `(${match}) AND place : (${terms.join(' OR ')})`;
}

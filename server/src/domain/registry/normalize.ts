/**
 * Normalisation for duplicate detection (DESIGN.md §4). Two spellings that a person would read as the same
 * name or ID must normalise equal; nothing here is ever shown to users or stored as the person's name.
 */

/** Orthographic variants seen when Kirundi names are written in French transcription. */
const TRANSCRIPTION: [RegExp, string][] = [
  [/ou/g, 'u'], // Kirundi "u" is often written "ou" in French records: "Nkourounziza" for "Nkurunziza"
  [/ph/g, 'f'],
  [/([a-z])\1+/g, '$1'], // doubled letters: "Hakizimanna" / "Hakizimana"
];

/**
 * A full name reduced to its comparable form: case, accents, punctuation and spacing removed, French
 * transcription variants unified, and the words sorted — Burundian names are written family name first
 * in official papers and given name first elsewhere, so "NDAYISHIMIYE Jean" and "Jean Ndayishimiye" match.
 */
export function normalizeName(...parts: (string | null | undefined)[]): string {
  const words = parts
    .filter((p): p is string => typeof p === 'string')
    .join(' ')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '') // N'Dayishimiye, N’Dayishimiye, Ndayishimiye
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((word) => TRANSCRIPTION.reduce((w, [pattern, replacement]) => w.replace(pattern, replacement), word));
  return words.sort().join(' ');
}

/** A national ID reduced to letters and digits, upper-case: "12/345.678-9" and "123456789" match. */
export function normalizeNationalId(id: string | null | undefined): string | null {
  if (typeof id !== 'string') return null;
  const value = id
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return value.length >= 4 ? value : null;
}

/** Birth year from a YYYY-MM-DD date, or from an age in years at a reference date. */
export function birthYear(birthDate: unknown, ageYears: unknown, at: Date): number | null {
  if (typeof birthDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return Number(birthDate.slice(0, 4));
  if (typeof ageYears === 'number' && Number.isFinite(ageYears) && ageYears >= 0 && ageYears < 130) {
    return at.getUTCFullYear() - Math.floor(ageYears);
  }
  return null;
}

import type { MediaRef } from '@kusanya/schemas';
import { isMediaRef } from '@kusanya/schemas/validators';

/** A media reference found in a record's answers, with the place it was found (`photo`, `members[1].id_card`). */
export interface FoundMediaRef {
  readonly field: string;
  readonly ref: MediaRef;
}

const MAX_DEPTH = 32;

/**
 * Every media reference in a record's answers, wherever the question sits (groups, repeats, nested repeats), in
 * document order. An answer is a media reference when it has exactly the shape of one (name, type, size, SHA-256):
 * no other answer type is an object of that shape, so this needs no form definition and reads Kobo imports too.
 */
export function mediaRefsOf(data: Readonly<Record<string, unknown>>): FoundMediaRef[] {
  const found: FoundMediaRef[] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
      return;
    }
    // Only an object with a SHA-256 can be a reference: the schema check runs on those alone (hot on every push).
    if (typeof (value as { sha256?: unknown }).sha256 === 'string' && isMediaRef(value)) {
      found.push({ field: path, ref: value });
      return;
    }
    for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key, depth + 1);
  };
  walk(data, '', 0);
  return found;
}

/** Limits on what one record may carry (Kobo's are 10 MB per file and 100 MB per submission). */
export interface MediaLimits {
  readonly fileBytes: number;
  readonly recordBytes: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = { fileBytes: 10 * 1024 * 1024, recordBytes: 100 * 1024 * 1024 };

/** A reason a record's media are refused, in words, with the field it concerns. */
export interface MediaProblem {
  readonly field: string;
  readonly code: 'file-too-large' | 'record-too-large' | 'duplicate-name';
  readonly message: string;
}

const mb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * What is wrong with a record's media against the limits: a file over the per-file limit, the whole over the
 * per-record limit (counting each distinct file once), or two different files under one name.
 */
export function mediaProblems(refs: readonly FoundMediaRef[], limits: MediaLimits): MediaProblem[] {
  const problems: MediaProblem[] = [];
  const byName = new Map<string, string>();
  const distinct = new Map<string, number>();
  for (const { field, ref } of refs) {
    if (ref.size > limits.fileBytes)
      problems.push({
        field,
        code: 'file-too-large',
        message: `${ref.name} is ${mb(ref.size)}; one file may be at most ${mb(limits.fileBytes)}.`,
      });
    const other = byName.get(ref.name);
    if (other !== undefined && other !== ref.sha256)
      problems.push({ field, code: 'duplicate-name', message: `Two different files are named ${ref.name}.` });
    byName.set(ref.name, ref.sha256);
    distinct.set(ref.sha256, ref.size);
  }
  const total = [...distinct.values()].reduce((a, b) => a + b, 0);
  if (total > limits.recordBytes)
    problems.push({
      field: '',
      code: 'record-too-large',
      message: `This record's files take ${mb(total)}; one record may carry at most ${mb(limits.recordBytes)}.`,
    });
  return problems;
}

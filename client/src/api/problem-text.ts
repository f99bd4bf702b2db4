import type { FieldError } from '@kusanya/schemas';
import { INPUT_PROBLEM_CODES } from '@kusanya/shared/api/input-problems';
import { RECORD_PROBLEM_CODES } from '@kusanya/shared/sync/record-problems';
import { MESSAGES, type MessageKey } from '../i18n/messages.js';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const CODES: ReadonlySet<string> = new Set([...INPUT_PROBLEM_CODES, ...RECORD_PROBLEM_CODES]);

const hasKey = (key: string): key is MessageKey => Object.hasOwn(MESSAGES.en, key);

function words(details: FieldError['details']): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details ?? {})) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/**
 * One problem the server found (an error's `details` item, or a record's `errors` item) in the person's language:
 * catalogued codes (shared/api/input-problems, shared/sync/record-problems) have words (`problem.<code>`); any
 * other problem reads "This value is not valid" rather than the server's English. Null when there is nothing to say.
 */
export function problemText(problem: unknown, t: Translate): string | null {
  if (typeof problem !== 'object' || problem === null) return null;
  const { code, details } = problem as Partial<FieldError>;
  if (typeof code === 'string' && CODES.has(code) && hasKey(`problem.${code}`)) {
    return t(`problem.${code}` as MessageKey, words(details));
  }
  return 'path' in problem || 'message' in problem ? t('problem.invalid') : null;
}

/** The request field a problem is about, in words ("password" → "Mot de passe"), when the app knows it. */
export function fieldWord(path: unknown, t: Translate): string | null {
  if (typeof path !== 'string') return null;
  const name = path
    .split('.')
    .at(-1)
    ?.replace(/\[\d+\]$/, '');
  const key = `field.${name}`;
  return name && hasKey(key) ? t(key) : null;
}

/** A problem with the field it is about: "Mot de passe : utilisez au moins 10 caractères…". */
export function detailText(detail: unknown, t: Translate): string | null {
  const text = problemText(detail, t);
  if (text === null) return null;
  const field = fieldWord((detail as { path?: unknown }).path, t);
  return field ? t('problem.atField', { field, problem: text }) : text;
}

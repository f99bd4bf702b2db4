import type { MessageKey } from '../i18n/messages.js';
import { ApiError, NetworkError } from './http.js';
import { detailText } from './problem-text.js';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The code of a failed call: the server's (one of the shared union), or the app's own. */
export function errorCode(error: unknown): MessageKey {
  if (error instanceof NetworkError) return 'error.network';
  if (error instanceof ApiError) return `error.${error.code}`;
  return 'error.http-error';
}

/** What the server found wrong, one text per problem, in words (never the server's English message). */
export function errorDetails(error: unknown, t: Translate): string[] {
  if (!(error instanceof ApiError)) return [];
  return [...new Set(error.details.map((d) => detailText(d, t)).filter((d): d is string => d !== null))];
}

/** A failed call in the person's language, by its code and the problems it names (never the server's English). */
export function errorText(error: unknown, t: Translate): string {
  return [t(errorCode(error)), ...errorDetails(error, t)].join(' ');
}

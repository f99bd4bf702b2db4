import type { MessageKey } from '../i18n/messages.js';
import { ApiError, NetworkError } from './http.js';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The code of a failed call: the server's (one of the shared union), or the app's own. */
export function errorCode(error: unknown): MessageKey {
  if (error instanceof NetworkError) return 'error.network';
  if (error instanceof ApiError) return `error.${error.code}`;
  return 'error.http-error';
}

/** A failed call in the person's language, by its code (never the server's English message). */
export function errorText(error: unknown, t: Translate): string {
  return t(errorCode(error));
}

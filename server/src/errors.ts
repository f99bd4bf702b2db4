import type { ErrorCode } from '@kusanya/shared/api/error-codes';

/**
 * The one catalogue of error codes and their HTTP statuses (the codes are the shared union the app compares
 * against: a code added here must be added there, and the app must have words for it). Routes and repositories throw
 * `AppError`; the error handler turns every error into `{error: {code, message, details?}}`.
 */
export const ERROR_STATUS = {
  'bad-request': 400,
  'validation-failed': 400,
  'invalid-json': 400,
  'server-owned-field': 400,
  'invalid-encoding': 400,
  'too-deep': 400,
  'checksum-mismatch': 400,
  unauthenticated: 401,
  'invalid-credentials': 401,
  'session-expired': 401,
  forbidden: 403,
  'out-of-scope': 403,
  'account-disabled': 403,
  'not-found': 404,
  'request-timeout': 408,
  'server-running': 409,
  conflict: 409,
  'stale-version': 409,
  'not-approvable': 409,
  'media-missing': 409,
  'last-admin': 409,
  'already-exists': 409,
  'transition-not-allowed': 409,
  'payload-too-large': 413,
  'too-many-rows': 413,
  'workbook-too-large': 413,
  'storage-quota-exceeded': 413,
  'uri-too-long': 414,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  'account-locked': 429,
  'quota-exceeded': 429,
  'headers-too-large': 431,
  internal: 500,
  'upgrade-failed': 500,
  unavailable: 503,
  'storage-unavailable': 503,
  'storage-full': 507,
} as const satisfies Record<ErrorCode, number>;

export type { ErrorCode };

export class AppError extends Error {
  override name = 'AppError';
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
    this.statusCode = ERROR_STATUS[code];
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}

/**
 * Every `error.code` the API answers with (DESIGN.md §3: `{error: {code, message, details?}}`), as one union
 * both sides compare against: the server's error catalogue (server/src/errors.ts) must give each a status, and
 * the app must have words for each in every language (client/src/i18n, checked by a test).
 */
export const ERROR_CODES = [
  'bad-request',
  'validation-failed',
  'invalid-json',
  'server-owned-field',
  'invalid-encoding',
  'too-deep',
  'checksum-mismatch',
  'unauthenticated',
  'invalid-credentials',
  'session-expired',
  'forbidden',
  'out-of-scope',
  'account-disabled',
  'not-found',
  'server-running',
  'conflict',
  'stale-version',
  'not-approvable',
  'media-missing',
  'last-admin',
  'already-exists',
  'transition-not-allowed',
  'payload-too-large',
  'too-many-rows',
  'workbook-too-large',
  'unsupported-media-type',
  'rate-limited',
  'account-locked',
  'internal',
  'upgrade-failed',
  'unavailable',
  'storage-unavailable',
  'storage-full',
  'headers-too-large',
  'quota-exceeded',
  'request-timeout',
  'storage-quota-exceeded',
  'uri-too-long',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

import type { ErrorBody } from '@kusanya/schemas';
import { isErrorCode, type ErrorCode } from '@kusanya/shared/api/error-codes';

/** Codes the app itself gives a failed call: no token (logged in offline), an answer without an error body. */
export type ClientErrorCode = 'offline-session' | 'http-error' | 'network';
/** Compared as this union (never as free strings): a code that does not exist fails to compile. */
export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** The server answered with an error body. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
  }
}

/** The server could not be reached (offline, timeout, connection dropped). */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

export interface RequestOptions {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  token?: string | null;
  body?: unknown;
  /** A JSON body already serialised (and possibly compressed), sent as is instead of `body`. */
  encodedBody?: EncodedBody;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface EncodedBody {
  bytes: Uint8Array<ArrayBuffer> | string;
  /** Content-Encoding of `bytes`, when compressed. */
  encoding?: 'gzip';
}

export interface ApiResponse<T> {
  body: T;
  headers: Headers;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).error?.code === 'string';
}

/**
 * The error a failed answer stands for: the server's code (one of the shared union; a code this app does not
 * know yet, from a newer server, reads as an unexpected answer), or a network failure for a 5xx without a body.
 */
export function failure(status: number, body: unknown): ApiError | NetworkError {
  if (isErrorBody(body)) {
    const code = isErrorCode(body.error.code) ? body.error.code : 'http-error';
    return new ApiError(status, code, body.error.message, body.error.details);
  }
  if (status >= 500 || status === 0) return new NetworkError(`Server answered ${status}`);
  return new ApiError(status, 'http-error', `Server answered ${status}`);
}

/** Calls the Kusanya API and returns the parsed JSON, or throws ApiError / NetworkError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiFetch<T>(path, options)).body;
}

/** As apiRequest, with the response headers too. */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined || options.encodedBody) headers['content-type'] = 'application/json';
  if (options.encodedBody?.encoding) headers['content-encoding'] = options.encodedBody.encoding;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.encodedBody
        ? options.encodedBody.bytes
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new NetworkError((error as Error).message || 'Network request failed');
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    // The connection dropped while the answer was arriving: the request may or may not have been applied.
    throw new NetworkError('The connection dropped while receiving the answer');
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    if (response.ok) throw new NetworkError('The answer arrived incomplete');
  }
  if (!response.ok) throw failure(response.status, body);
  return { body: body as T, headers: response.headers };
}

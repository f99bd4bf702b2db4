import type { ErrorBody } from '@kusanya/schemas';
import { toFieldErrors } from '@kusanya/schemas/validators';
import { schemaProblem } from '@kusanya/shared/api/input-problems';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError, ERROR_STATUS, type ErrorCode } from '../errors.js';
import { storageProblemOf } from '../usecases/storage-health.js';
import { wantsAppShell } from './static-client.js';

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown[]) {
  const body: ErrorBody = { error: details && details.length > 0 ? { code, message, details } : { code, message } };
  return reply.status(ERROR_STATUS[code]).type('application/json; charset=utf-8').send(body);
}

/** Fastify's own errors, by their code, mapped into the catalogue. */
const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid-json', 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid-json', 'The request body is empty but declared as JSON.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload-too-large', 'The request body is larger than this route accepts.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported-media-type', 'This content type is not accepted here; send JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad-request', 'The Content-Length header does not match the body.'],
};

/** The error body as raw HTTP, for answers written before Fastify has a request (client errors). */
function rawError(status: number, code: ErrorCode, message: string): string {
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  const reason = STATUS_CODES[status] ?? 'Error';
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`;
}

/**
 * Errors Node meets before a request exists (Fastify's `clientErrorHandler`): a request that did not arrive within
 * REQUEST_TIMEOUT_SECONDS (408), headers too large (431), anything unparseable (400) — in the usual error body.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? rawError(408, 'request-timeout', 'The request took too long to arrive; the connection was closed. Try again.')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? rawError(431, 'headers-too-large', 'The request headers (or the address) are too large.')
        : rawError(400, 'bad-request', 'The request could not be read.');
  if (socket.writable) socket.write(answer);
  socket.destroy(error);
}

/** Fastify's router errors (an address part too long: 414; a malformed one: 400), in the usual error body. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void sendError(reply, 'uri-too-long', 'The address is too long.');
    return;
  }
  void sendError(reply, 'bad-request', error.code === 'FST_ERR_BAD_URL' ? 'The address is not valid.' : error.message);
}

/** The one error handler: every error becomes `{error: {code, message, details?}}`; 5xx details stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, 'request failed');
      const retry = (error.details?.[0] as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (error.statusCode === 429 && typeof retry === 'number')
        reply.header('retry-after', String(Math.max(1, retry)));
      return sendError(reply, error.code, error.message, error.details);
    }
    if (error.validation) {
      // Each finding with its catalogued code (words on the device), its English message kept.
      const details = error.validation.map((finding) => {
        const [found] = toFieldErrors([finding] as never);
        const path = [error.validationContext, found?.path].filter(Boolean).join('.');
        const problem = schemaProblem(path, finding.keyword, finding.params);
        return { ...problem, message: found?.message ?? problem.message };
      });
      return sendError(reply, 'validation-failed', 'The request does not match the expected format.', details);
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return sendError(reply, known[0], known[1]);
    if (error.statusCode === 429)
      return sendError(reply, 'rate-limited', 'Too many attempts. Wait a minute and try again.');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error');
      return sendError(reply, 'bad-request', error.message);
    }
    // A full disk or a read-only data directory: a clear answer (nothing was stored) and a health check that says so.
    const storageProblem = storageProblemOf(error);
    if (storageProblem) {
      request.log.error({ err: error }, 'storage error');
      return sendError(reply, storageProblem.code, storageProblem.message);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendError(reply, 'internal', 'Something went wrong on the server. The error was logged.');
  });
}

/**
 * Unknown routes: a JSON 404, except browser navigations when the PWA is served, which get the app
 * shell (SPA fallback; the service worker does the same offline).
 */
export function installNotFound(app: FastifyInstance, options: { appShell: boolean }): void {
  app.setNotFoundHandler((request, reply) =>
    options.appShell && wantsAppShell(request.method, request.url, request.headers.accept)
      ? reply.header('Cache-Control', 'no-cache').sendFile('index.html')
      : sendError(reply, 'not-found', `No route ${request.method} ${request.url.split('?')[0]}.`),
  );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** Bodies this large (or of unknown length) count as uploads: they are what a stalled request holds in memory. */
const UPLOAD_BYTES = 64 * 1024;

function isUpload(request: FastifyRequest): boolean {
  const length = Number(request.headers['content-length'] ?? NaN);
  return Number.isFinite(length) ? length > UPLOAD_BYTES : request.headers['transfer-encoding'] !== undefined;
}

/**
 * At most `perUser` uploads (pushes, imports, attachments) in flight per account (issue 12 finding 7: 150 stalled
 * uploads of one user took 400 MB of memory). Counted from before the body is read until the answer is sent or the
 * connection closes; one more gets 429 at once, before its body is read.
 */
export function installUploadLimit(app: FastifyInstance, perUser: number): void {
  const inFlight = new Map<string, number>();
  app.addHook('preParsing', async (request, reply, payload) => {
    const userId = request.auth?.user.id;
    if (!userId || !isUpload(request)) return payload;
    const count = inFlight.get(userId) ?? 0;
    if (count >= perUser) {
      throw new AppError(
        'rate-limited',
        `You already have ${count} uploads in progress; wait until they finish, then try again.`,
        [{ inFlight: count, retryAfterSeconds: 5 }],
      );
    }
    inFlight.set(userId, count + 1);
    reply.raw.once('close', () => {
      const left = (inFlight.get(userId) ?? 1) - 1;
      if (left > 0) inFlight.set(userId, left);
      else inFlight.delete(userId);
    });
    return payload;
  });
}

import * as contract from '@kusanya/schemas/contract/sync';
import { route } from '../plugins/contract.js';
import { roles } from '@kusanya/schemas';
import {
  PULL_DEFAULT_LIMIT,
  PULL_MAX_BYTES,
  PUSH_MAX_BYTES,
  PUSH_MAX_ROWS,
  REMAINING_HEADER,
} from '@kusanya/shared/sync/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Needs } from '../context.js';
import { AppError } from '../errors.js';
import { householdReads } from '../domain/read-policy.js';
import { audited } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import { preparePush } from '../usecases/sync/intake-workers.js';
import { pushSubmissions } from '../usecases/sync/push-submissions.js';

/** A pull page: the documents, the checkpoint after them, and how many changes remain after it. */
function page<T>(
  reply: FastifyReply,
  seq: number,
  rows: { seq: number; doc: T }[],
  remainingAfter: (seq: number) => number,
) {
  const checkpoint = { seq: rows.at(-1)?.seq ?? seq };
  reply.header(REMAINING_HEADER, String(remainingAfter(checkpoint.seq)));
  return { documents: rows.map((r) => r.doc), checkpoint };
}

/** What these routes use of the app (given only these: app.ts registers them with `pick`). */
export const syncNeeds = [
  'config',
  'db',
  'forms',
  'households',
  'intakeWorkers',
  'locationTree',
  'processSubmission',
  'submissions',
] as const;

export async function syncRoutes(app: FastifyInstance, ctx: Needs<typeof syncNeeds>) {
  route(app, contract.getSyncSubmissionsPull, { config: { roles } }, async (request, reply) => {
    const { seq = 0, limit = PULL_DEFAULT_LIMIT } = request.query;
    const userId = caller(request).user.id;
    return page(reply, seq, ctx.submissions.pullOwn(userId, seq, limit, PULL_MAX_BYTES), (after) =>
      ctx.submissions.countOwnAfter(userId, after),
    );
  });

  route(
    app,
    contract.postSyncSubmissionsPush,
    {
      bodyLimit: PUSH_MAX_BYTES,
      config: { roles: ['enumerator', 'supervisor'], audit: 'sync.push' },
      preValidation: async (request) => {
        if (Array.isArray(request.body) && request.body.length > PUSH_MAX_ROWS) {
          throw new AppError(
            'too-many-rows',
            `A push may hold at most ${PUSH_MAX_ROWS} rows; this one has ${request.body.length}.`,
          );
        }
      },
    },
    async (request, reply) => {
      const { user, session } = caller(request);
      const receivedAt = new Date();
      const prepared = await preparePush(ctx.intakeWorkers, request.body, request.jsonText, receivedAt, request.log);
      // The batch and its audit entry commit together (one durable write).
      const outcome = audited(request, (scope) => {
        const pushed = pushSubmissions(
          { db: ctx.db, submissions: ctx.submissions, process: ctx.processSubmission, locations: ctx.locationTree },
          { user, deviceId: session.deviceId },
          request.body,
          {
            receivedAt,
            prepared,
            quota: {
              dayBytes: ctx.config.userQuotaDayMb * 1024 * 1024,
              totalBytes: ctx.config.userQuotaTotalMb * 1024 * 1024,
            },
          },
        );
        scope.note({
          details: {
            rows: request.body.length,
            written: pushed.written,
            replayed: pushed.replayed,
            conflicts: pushed.conflicts,
          },
        });
        return pushed;
      });
      request.log.info({ written: outcome.written, replayed: outcome.replayed, conflicts: outcome.conflicts }, 'push');
      // The documents as they were stored (canonical JSON): already serialised once, not serialised again.
      reply.serializer(outcome.answerJson);
      return outcome.answer;
    },
  );

  route(app, contract.getSyncFormsPull, { config: { roles } }, async (request, reply) => {
    const { seq = 0, limit = PULL_DEFAULT_LIMIT } = request.query;
    return page(reply, seq, ctx.forms.pullSince(seq, limit, PULL_MAX_BYTES), (after) => ctx.forms.countAfter(after));
  });

  route(app, contract.getSyncHouseholdsPull, { config: { roles } }, async (request, reply) => {
    const { seq = 0, limit = PULL_DEFAULT_LIMIT } = request.query;
    const scope = householdReads(ctx.locationTree(), caller(request).user);
    return page(reply, seq, ctx.households.pull(scope, seq, limit, PULL_MAX_BYTES), (after) =>
      ctx.households.countAfter(scope, after),
    );
  });
}

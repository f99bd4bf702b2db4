import * as contract from '@kusanya/schemas/contract/sync';
import { route } from '../plugins/contract.js';
import { roles } from '@kusanya/schemas';
import { PUSH_MAX_BYTES, PUSH_MAX_ROWS, REMAINING_HEADER } from '@kusanya/shared/sync/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors.js';
import { audited } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import type { SyncUseCases } from '../usecases/sync/index.js';

/** A pull page's answer; how many changes remain after its checkpoint goes in a header. */
function page<T>(
  reply: FastifyReply,
  { documents, checkpoint, remaining }: { documents: T[]; checkpoint: { seq: number }; remaining: number },
) {
  reply.header(REMAINING_HEADER, String(remaining));
  return { documents, checkpoint };
}

/** The sync routes receive the sync use cases and nothing else. */
export async function syncRoutes(app: FastifyInstance, { sync }: { sync: SyncUseCases }) {
  route(app, contract.getSyncSubmissionsPull, { config: { roles } }, async (request, reply) =>
    page(reply, sync.pullSubmissions(caller(request).user, request.query)),
  );

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
      const prepared = await sync.preparePush(request.body, request.jsonText, receivedAt, request.log);
      // The batch and its audit entry commit together (one durable write).
      const outcome = audited(request, (scope) => {
        const pushed = sync.push({ user, deviceId: session.deviceId }, request.body, { receivedAt, prepared });
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

  route(app, contract.getSyncFormsPull, { config: { roles } }, async (request, reply) =>
    page(reply, sync.pullForms(request.query)),
  );

  route(app, contract.getSyncHouseholdsPull, { config: { roles } }, async (request, reply) =>
    page(reply, sync.pullHouseholds(caller(request).user, request.query)),
  );
}

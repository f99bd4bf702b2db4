import {
  errorBodySchema,
  formsPullResponseSchema,
  householdsPullResponseSchema,
  pullQuerySchema,
  roles,
  submissionPushBodySchema,
  submissionPushResponseSchema,
  submissionsPullResponseSchema,
  type PullQuery,
  type SubmissionPushBody,
} from '@kusanya/schemas';
import {
  PULL_DEFAULT_LIMIT,
  PULL_MAX_BYTES,
  PUSH_MAX_BYTES,
  PUSH_MAX_ROWS,
  REMAINING_HEADER,
} from '@kusanya/shared/sync/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { householdReads } from '../domain/read-policy.js';
import { audited } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import { preparePush } from '../sync/intake-workers.js';
import { pushSubmissions } from '../sync/push-submissions.js';

const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ref(errorBodySchema)]));

const PUSH_DESCRIPTION = `RxDB replication push. Each row carries the state the device last saw from the server
(\`assumedMasterState\`) and its new state. Answers the master state of every row that was not written as sent:
conflicts (the device's \`assumedMasterState.rev\` is not the server's), rows that set server-owned fields, and rows
the server changed on receipt (e.g. \`needs_correction\` with \`errors\`). Replaying a batch stores nothing new.

The batch is one transaction, committed to disk (WAL, synchronous=FULL) before the 200.

**Scope:** if any row belongs to another user, the whole batch is refused with **403 \`out-of-scope\`** (details list
the rows) and nothing is stored. A row of the caller's for a colline outside the caller's areas is refused by itself:
it is kept for its author only, as \`needs_correction\` with an error naming the colline (answered like any row the
server changed), outside review and the registry; the rest of the batch goes through.

**Limits:** at most ${PUSH_MAX_ROWS} rows and ${PUSH_MAX_BYTES / 1024 / 1024} MB per request; more gets **413**. What one
account's pushes store is counted: past \`USER_QUOTA_DAY_MB\` in a day (UTC) the push gets **429 \`quota-exceeded\`** (with
Retry-After), past \`USER_QUOTA_TOTAL_MB\` in all **413 \`storage-quota-exceeded\`**; either way nothing of it is stored.
A request must arrive within \`REQUEST_TIMEOUT_SECONDS\` (**408** otherwise).`;

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

const PULL_DESCRIPTION = `Documents in commit order after \`seq\`, deletions as tombstones (\`_deleted: true\`): at most
\`limit\`, and a page also stops at about ${PULL_MAX_BYTES / 1024 / 1024} MB of documents (always one at least). The
\`${REMAINING_HEADER}\` header tells how many changes remain after the returned checkpoint. Responses are compressed
(gzip or brotli) when the request accepts it.`;

export async function syncRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get<{ Querystring: PullQuery }>(
    '/api/sync/submissions/pull',
    {
      config: { roles },
      schema: {
        tags: ['sync'],
        summary: 'Pull own submissions changed after a checkpoint',
        description: PULL_DESCRIPTION,
        querystring: ref(pullQuerySchema),
        response: { 200: ref(submissionsPullResponseSchema), ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const { seq = 0, limit = PULL_DEFAULT_LIMIT } = request.query;
      const userId = caller(request).user.id;
      return page(reply, seq, ctx.submissions.pullOwn(userId, seq, limit, PULL_MAX_BYTES), (after) =>
        ctx.submissions.countOwnAfter(userId, after),
      );
    },
  );

  app.post<{ Body: SubmissionPushBody }>(
    '/api/sync/submissions/push',
    {
      bodyLimit: PUSH_MAX_BYTES,
      config: { roles: ['enumerator', 'supervisor'] },
      schema: {
        tags: ['sync'],
        summary: 'Push submissions (finalised records) from a device',
        description: PUSH_DESCRIPTION,
        body: ref(submissionPushBodySchema),
        response: { 200: ref(submissionPushResponseSchema), ...errors(400, 401, 403, 413, 429, 507) },
      },
      preValidation: async (request) => {
        if (Array.isArray(request.body) && request.body.length > PUSH_MAX_ROWS) {
          throw new AppError(
            'too-many-rows',
            `A push may hold at most ${PUSH_MAX_ROWS} rows; this one has ${request.body.length}.`,
          );
        }
      },
    },
    async (request) => {
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
      return outcome.answer;
    },
  );

  app.get<{ Querystring: PullQuery }>(
    '/api/sync/forms/pull',
    {
      config: { roles },
      schema: {
        tags: ['sync'],
        summary: 'Pull published form versions after a checkpoint',
        description: PULL_DESCRIPTION,
        querystring: ref(pullQuerySchema),
        response: { 200: ref(formsPullResponseSchema), ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const { seq = 0, limit = PULL_DEFAULT_LIMIT } = request.query;
      return page(reply, seq, ctx.forms.pullSince(seq, limit, PULL_MAX_BYTES), (after) => ctx.forms.countAfter(after));
    },
  );

  app.get<{ Querystring: PullQuery }>(
    '/api/sync/households/pull',
    {
      config: { roles },
      schema: {
        tags: ['sync'],
        summary: "Pull the registry households of the caller's collines, with their members",
        description: `${PULL_DESCRIPTION}

**Scope:** the households of the collines in or under the caller's areas, whatever the role: enumerators their
collines, supervisors their communes, HQ staff and administrators their areas (every household for the country).`,
        querystring: ref(pullQuerySchema),
        response: { 200: ref(householdsPullResponseSchema), ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const { seq = 0, limit = PULL_DEFAULT_LIMIT } = request.query;
      const scope = householdReads(ctx.locationTree(), caller(request).user);
      return page(reply, seq, ctx.households.pull(scope, seq, limit, PULL_MAX_BYTES), (after) =>
        ctx.households.countAfter(scope, after),
      );
    },
  );
}

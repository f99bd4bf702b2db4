/** The API contract: sync routes (server/src/routes/sync.ts). */
import {
  formsPullResponseSchema,
  householdsPullResponseSchema,
  pullQuerySchema,
  submissionPushBodySchema,
  submissionPushResponseSchema,
  submissionsPullResponseSchema,
} from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';
import { PULL_MAX_BYTES, PUSH_MAX_BYTES, PUSH_MAX_ROWS, REMAINING_HEADER } from './limits.js';

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

const PULL_DESCRIPTION = `Documents in commit order after \`seq\`, deletions as tombstones (\`_deleted: true\`): at most
\`limit\`, and a page also stops at about ${PULL_MAX_BYTES / 1024 / 1024} MB of documents (always one at least). The
\`${REMAINING_HEADER}\` header tells how many changes remain after the returned checkpoint. Responses are compressed
(gzip or brotli) when the request accepts it.`;

export const getSyncSubmissionsPull = defineRoute({
  method: 'GET',
  url: '/api/sync/submissions/pull',
  tags: ['sync'],
  summary: 'Pull own submissions changed after a checkpoint',
  description: PULL_DESCRIPTION,
  querystring: ref(pullQuerySchema),
  response: { 200: ref(submissionsPullResponseSchema), ...errors(400, 401) },
});

export const postSyncSubmissionsPush = defineRoute({
  method: 'POST',
  url: '/api/sync/submissions/push',
  tags: ['sync'],
  summary: 'Push submissions (finalised records) from a device',
  description: PUSH_DESCRIPTION,
  body: ref(submissionPushBodySchema),
  response: { 200: ref(submissionPushResponseSchema), ...errors(400, 401, 403, 413, 429, 507) },
});

export const getSyncFormsPull = defineRoute({
  method: 'GET',
  url: '/api/sync/forms/pull',
  tags: ['sync'],
  summary: 'Pull published form versions after a checkpoint',
  description: PULL_DESCRIPTION,
  querystring: ref(pullQuerySchema),
  response: { 200: ref(formsPullResponseSchema), ...errors(400, 401) },
});

export const getSyncHouseholdsPull = defineRoute({
  method: 'GET',
  url: '/api/sync/households/pull',
  tags: ['sync'],
  summary: "Pull the registry households of the caller's collines, with their members",
  description: `${PULL_DESCRIPTION}

**Scope:** the households of the collines in or under the caller's areas, whatever the role: enumerators their
collines, supervisors their communes, HQ staff and administrators their areas (every household for the country).`,
  querystring: ref(pullQuerySchema),
  response: { 200: ref(householdsPullResponseSchema), ...errors(400, 401) },
});

/** The API contract: review routes (server/src/routes/review.ts). */
import {
  bulkApproveRequestSchema,
  bulkApproveResponseSchema,
  candidateDecisionRequestSchema,
  decisionRequestSchema,
  decisionResponseSchema,
  duplicateCandidateSchema,
  reviewQueueQuerySchema,
  reviewQueueResponseSchema,
  submissionReviewSchema,
  teamResponseSchema,
} from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;

export const getReviewQueue = defineRoute({
  method: 'GET',
  url: '/api/review/queue',
  tags: ['review'],
  summary: 'Records of your area by status (default: waiting for review), oldest first, with counts',
  querystring: ref(reviewQueueQuerySchema),
  response: { 200: ref(reviewQueueResponseSchema), ...errors(400, 401, 403) },
});

export const getReviewSubmissionsById = defineRoute({
  method: 'GET',
  url: '/api/review/submissions/:id',
  tags: ['review'],
  summary: 'One record with its duplicate candidates, registry differences (revisits) and revisions',
  params: idParam,
  response: { 200: ref(submissionReviewSchema), ...errors(401, 403, 404) },
});

export const postReviewSubmissionsByIdDecision = defineRoute({
  method: 'POST',
  url: '/api/review/submissions/:id/decision',
  tags: ['review'],
  summary: 'Approve, reject (with a reason) or return (with a comment) a record',
  description:
    'One transaction. `rev` is the revision the reviewer saw: if the record changed (another reviewer, a resubmission) the answer is 409 with the current state. ' +
    'Approving a household survey reconciles it into the registry; a revisit of a household that changed since the visit needs `registryVersion` equal to the current version (409 `stale-version` otherwise). ' +
    'Taking the same decision twice is a no-op (`unchanged: true`).',
  params: idParam,
  body: ref(decisionRequestSchema),
  response: { 200: ref(decisionResponseSchema), ...errors(400, 401, 403, 404, 409) },
});

export const postReviewCandidatesByIdDecision = defineRoute({
  method: 'POST',
  url: '/api/review/candidates/:id/decision',
  tags: ['review'],
  summary: 'Judge a duplicate candidate: the same person/household, or different',
  params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
  body: ref(candidateDecisionRequestSchema),
  response: { 200: ref(duplicateCandidateSchema), ...errors(400, 401, 403, 404, 409) },
});

export const postReviewBulkApprove = defineRoute({
  method: 'POST',
  url: '/api/review/bulk-approve',
  tags: ['review'],
  summary: 'Approve many records that need no judgement (no duplicates, not a changed revisit)',
  body: ref(bulkApproveRequestSchema),
  response: { 200: ref(bulkApproveResponseSchema), ...errors(400, 401, 403) },
});

export const getReviewTeam = defineRoute({
  method: 'GET',
  url: '/api/review/team',
  tags: ['review'],
  summary: 'Per enumerator and device: records this week, waiting, returned, last sync, app version',
  response: { 200: ref(teamResponseSchema), ...errors(401, 403) },
});

import {
  bulkApproveRequestSchema,
  bulkApproveResponseSchema,
  candidateDecisionRequestSchema,
  decisionRequestSchema,
  decisionResponseSchema,
  duplicateCandidateSchema,
  errorBodySchema,
  reviewQueueQuerySchema,
  reviewQueueResponseSchema,
  submissionReviewSchema,
  teamResponseSchema,
  type BulkApproveRequest,
  type CandidateDecisionRequest,
  type DecisionRequest,
  type ReviewQueueQuery,
} from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { audit, audited, noteAudit } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import { bulkApprove } from '../services/review/bulk-approve.js';
import { decideCandidate } from '../services/review/candidates.js';
import { decide } from '../services/review/decide.js';
import { reviewQueue, submissionReview, teamView } from '../services/review/read.js';

const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ref(errorBodySchema)]));
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;

/** Who reads the review queue (supervisors for their communes, HQ everywhere) and who decides (supervisors). */
const READERS = ['supervisor', 'hq'] as const;
const DECIDERS = ['supervisor'] as const;

export async function reviewRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const deps = {
    db: ctx.db,
    submissions: ctx.submissions,
    review: ctx.review,
    registry: ctx.registry,
    households: ctx.households,
    users: ctx.users,
    sessions: ctx.sessions,
    forms: ctx.compiledForms,
    locations: ctx.locationTree,
    mediaMissing: ctx.media.missing,
  };

  app.get<{ Querystring: ReviewQueueQuery }>(
    '/api/review/queue',
    {
      config: { roles: READERS },
      schema: {
        tags: ['review'],
        summary: 'Records of your area by status (default: waiting for review), oldest first, with counts',
        querystring: ref(reviewQueueQuerySchema),
        response: { 200: ref(reviewQueueResponseSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => reviewQueue(deps, caller(request).user, request.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/review/submissions/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['review'],
        summary: 'One record with its duplicate candidates, registry differences (revisits) and revisions',
        params: idParam,
        response: { 200: ref(submissionReviewSchema), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const review = submissionReview(deps, caller(request).user, request.params.id);
      // Opening a record shows its answers (names, phones, IDs): the read is recorded.
      audit(request, 'review.read', { formId: review.submission.formId }, { target: review.submission.id });
      return review;
    },
  );

  app.post<{ Params: { id: string }; Body: DecisionRequest }>(
    '/api/review/submissions/:id/decision',
    {
      config: { roles: DECIDERS, audit: 'review.decide' },
      schema: {
        tags: ['review'],
        summary: 'Approve, reject (with a reason) or return (with a comment) a record',
        description:
          'One transaction. `rev` is the revision the reviewer saw: if the record changed (another reviewer, a resubmission) the answer is 409 with the current state. ' +
          'Approving a household survey reconciles it into the registry; a revisit of a household that changed since the visit needs `registryVersion` equal to the current version (409 `stale-version` otherwise). ' +
          'Taking the same decision twice is a no-op (`unchanged: true`).',
        params: idParam,
        body: ref(decisionRequestSchema),
        response: { 200: ref(decisionResponseSchema), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { decision, rev, reason } = request.body;
      noteAudit(request, { target: request.params.id, details: { decision, rev, ...(reason ? { reason } : {}) } });
      return audited(request, (scope) => {
        const outcome = decide(deps, caller(request).user, request.params.id, request.body);
        scope.note({
          details: {
            formId: outcome.submission.formId,
            area: outcome.submission.meta.area,
            status: outcome.submission.status,
            unchanged: outcome.unchanged,
            ...(outcome.household ? { household: outcome.household.code } : {}),
          },
        });
        return outcome;
      });
    },
  );

  app.post<{ Params: { id: string }; Body: CandidateDecisionRequest }>(
    '/api/review/candidates/:id/decision',
    {
      config: { roles: DECIDERS, audit: 'review.candidate' },
      schema: {
        tags: ['review'],
        summary: 'Judge a duplicate candidate: the same person/household, or different',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
        body: ref(candidateDecisionRequestSchema),
        response: { 200: ref(duplicateCandidateSchema), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      noteAudit(request, { target: String(request.params.id), details: { decision: request.body.decision } });
      return audited(request, (scope) => {
        const candidate = decideCandidate(deps, caller(request).user, Number(request.params.id), request.body.decision);
        scope.note({ details: { rule: candidate.rule, kind: candidate.kind, candidateId: candidate.candidateId } });
        return candidate;
      });
    },
  );

  app.post<{ Body: BulkApproveRequest }>(
    '/api/review/bulk-approve',
    {
      config: { roles: DECIDERS, audit: 'review.bulk-approve' },
      schema: {
        tags: ['review'],
        summary: 'Approve many records that need no judgement (no duplicates, not a changed revisit)',
        body: ref(bulkApproveRequestSchema),
        response: { 200: ref(bulkApproveResponseSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) =>
      // One entry for the request (its counts) and one per approved record (its target), with the approvals.
      audited(request, (scope) => {
        const answer = bulkApprove(deps, caller(request).user, request.body.items);
        const count = (outcome: string) => answer.results.filter((r) => r.outcome === outcome).length;
        scope.note({
          details: {
            items: answer.results.length,
            approved: count('approved'),
            skipped: count('skipped'),
            failed: count('failed'),
          },
        });
        for (const r of answer.results) {
          if (r.outcome === 'approved') {
            scope.entry({
              action: 'review.decide',
              target: r.id,
              details: { decision: 'approve', bulk: true, ...(r.householdCode ? { household: r.householdCode } : {}) },
            });
          }
        }
        return answer;
      }),
  );

  app.get(
    '/api/review/team',
    {
      config: { roles: READERS },
      schema: {
        tags: ['review'],
        summary: 'Per enumerator and device: records this week, waiting, returned, last sync, app version',
        response: { 200: ref(teamResponseSchema), ...errors(401, 403) },
      },
    },
    async (request) => teamView(deps, caller(request).user),
  );
}

import * as contract from '@kusanya/schemas/contract/review';
import type { FastifyInstance } from 'fastify';
import { route } from '../plugins/contract.js';
import { audit, audited, noteAudit } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import type { ReviewUseCases } from '../usecases/review/index.js';

/** Who reads the review queue (supervisors for their communes, HQ everywhere) and who decides (supervisors). */
const READERS = ['supervisor', 'hq'] as const;
const DECIDERS = ['supervisor'] as const;

/** The review routes receive the review use cases and nothing else. */
export async function reviewRoutes(app: FastifyInstance, { review }: { review: ReviewUseCases }) {
  route(app, contract.getReviewQueue, { config: { roles: READERS } }, async (request) =>
    review.queue(caller(request).user, request.query),
  );

  route(app, contract.getReviewSubmissionsById, { config: { roles: READERS } }, async (request) => {
    const record = review.record(caller(request).user, request.params.id);
    // Opening a record shows its answers (names, phones, IDs): the read is recorded.
    audit(request, 'review.read', { formId: record.submission.formId }, { target: record.submission.id });
    return record;
  });

  route(
    app,
    contract.postReviewSubmissionsByIdDecision,
    { config: { roles: DECIDERS, audit: 'review.decide' } },
    async (request) => {
      const { decision, rev, reason } = request.body;
      noteAudit(request, { target: request.params.id, details: { decision, rev, ...(reason ? { reason } : {}) } });
      return audited(request, (scope) => {
        const outcome = review.decide(caller(request).user, request.params.id, request.body);
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

  route(
    app,
    contract.postReviewCandidatesByIdDecision,
    { config: { roles: DECIDERS, audit: 'review.candidate' } },
    async (request) => {
      noteAudit(request, { target: String(request.params.id), details: { decision: request.body.decision } });
      return audited(request, (scope) => {
        const candidate = review.decideCandidate(
          caller(request).user,
          Number(request.params.id),
          request.body.decision,
        );
        scope.note({ details: { rule: candidate.rule, kind: candidate.kind, candidateId: candidate.candidateId } });
        return candidate;
      });
    },
  );

  route(
    app,
    contract.postReviewBulkApprove,
    { config: { roles: DECIDERS, audit: 'review.bulk-approve' } },
    async (request) =>
      // One entry for the request (its counts) and one per approved record (its target), with the approvals.
      audited(request, (scope) => {
        const answer = review.bulkApprove(caller(request).user, request.body.items);
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

  route(app, contract.getReviewTeam, { config: { roles: READERS } }, async (request) =>
    review.team(caller(request).user),
  );
}

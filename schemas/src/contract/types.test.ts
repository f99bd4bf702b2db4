import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  DecisionRequest,
  DecisionResponse,
  ReviewQueueQuery,
  SubmissionPushBody,
  SubmissionPushResponse,
  TicketStatusRequest,
} from '../generated/types.js';
import { apiRoutes } from './index.js';
import type * as grievances from './grievances.js';
import type * as review from './review.js';
import type * as sync from './sync.js';
import type { Binary, RouteTypes } from './types.js';

// These assertions are checked by `npm run typecheck` (tsc compiles this file): a route's handler types are the
// schemas' generated types, not copies, and inline parameters are read from their declaration.
describe('route types derived from the contract', () => {
  it('are the generated types of the schemas a route declares', () => {
    type Decide = RouteTypes<typeof review.postReviewSubmissionsByIdDecision>;
    expectTypeOf<Decide['Body']>().toEqualTypeOf<DecisionRequest>();
    expectTypeOf<Decide['Reply']>().toEqualTypeOf<DecisionResponse>();
    expectTypeOf<Decide['Params']>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<RouteTypes<typeof review.getReviewQueue>['Querystring']>().toEqualTypeOf<ReviewQueueQuery>();
    type Push = RouteTypes<typeof sync.postSyncSubmissionsPush>;
    expectTypeOf<Push['Body']>().toEqualTypeOf<SubmissionPushBody>();
    expectTypeOf<Push['Reply']>().toEqualTypeOf<SubmissionPushResponse>();
    type Status = RouteTypes<typeof grievances.postGrievancesTicketsByIdStatus>;
    expectTypeOf<Status['Body']>().toEqualTypeOf<TicketStatusRequest>();
  });

  it('reads inline declarations: integers, downloads', () => {
    expectTypeOf<RouteTypes<typeof review.postReviewCandidatesByIdDecision>['Params']>().toEqualTypeOf<{
      id: number;
    }>();
    expectTypeOf<
      RouteTypes<typeof grievances.getGrievancesTicketsByIdAttachmentsByAttachmentId>['Reply']
    >().toEqualTypeOf<Binary>();
  });

  it('declares every route once, each with its error answers', () => {
    const keys = apiRoutes.map((r) => `${r.method} ${r.url}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of apiRoutes) {
      const codes = Object.keys(r.response).map(Number);
      expect(
        codes.some((c) => c < 300),
        `${r.method} ${r.url} answers a success`,
      ).toBe(true);
    }
  });
});

import { apiContract } from '@kusanya/schemas';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { callApi, routePath } from './contract-client.js';

afterEach(() => vi.unstubAllGlobals());

describe('calls derived from the API contract', () => {
  it('fills the route parameters (encoded) and the query string', () => {
    expect(routePath('/api/review/submissions/:id/decision', { id: 'a b/c' })).toBe(
      '/api/review/submissions/a%20b%2Fc/decision',
    );
    expect(routePath('/api/review/queue', {}, { status: 'returned', limit: 50, area: undefined })).toBe(
      '/api/review/queue?status=returned&limit=50',
    );
    expect(() => routePath('/api/grievances/tickets/:id', {})).toThrow(/Missing route parameter "id"/);
  });

  it("sends the declared method and body, and returns the server's answer typed by the contract", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ unchanged: true }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const answer = await callApi(apiContract.review.postReviewSubmissionsByIdDecision, {
      token: 't',
      params: { id: 'r1' },
      body: { decision: 'return', rev: 2, comment: 'Photo blurred' },
    });
    expectTypeOf(answer.unchanged).toEqualTypeOf<boolean>();
    expect(answer.unchanged).toBe(true);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/review/submissions/r1/decision');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ decision: 'return', rev: 2, comment: 'Photo blurred' });
    expect((init.headers as Record<string, string>)['authorization']).toBe('Bearer t');
  });
});

/**
 * Issue 12 finding 9, audit that cannot miss: a change and its audit entry commit in one transaction (an entry that
 * cannot be written takes the change back with it); decisions and ticket actions name their target and details, one
 * entry per record of a bulk approval; reading a SENSITIVE ticket, a review record or an attachment is recorded.
 * Every test failed before the fix. (policy.test.ts checks that every route's successful change is audited inside
 * its transaction.)
 */
import type { AuditEntry, LoginResponse, Submission } from '@kusanya/schemas';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdSubmission, startTestServer, type TestServer } from './helpers.js';
import { fileGrievance, hqWorld, type HqWorld } from './hq-fixtures.js';

let server: TestServer;
let world: HqWorld;
let officer: LoginResponse;

beforeAll(async () => {
  server = await startTestServer();
  world = await hqWorld(server);
  officer = await server.login('grievance');
}, 60_000);
afterAll(() => server.close());

let families = 0;
async function pending(): Promise<Submission> {
  families += 1;
  const data = sampleHousehold(3);
  const members = (data['members'] as Record<string, unknown>[]).map(({ national_id: _id, ...m }, i) => ({
    ...m,
    last_name: `Audit${families}x${i}`,
  }));
  const res = await server.as(world.enumerator.token, {
    method: 'POST',
    url: '/api/sync/submissions/push',
    payload: [
      {
        assumedMasterState: null,
        newDocumentState: householdSubmission(world.enumerator.user.id, {
          formVersion: world.forms.household_survey.version,
          data: { ...data, members },
        }),
      },
    ],
  });
  const [doc] = res.json<Submission[]>();
  expect(doc?.status).toBe('pending_review');
  return doc!;
}
const entries = (action: string): AuditEntry[] => server.app.ctx.audit.find({ action }, 1000);
const as = (
  who: LoginResponse,
  method: 'GET' | 'POST',
  url: string,
  payload?: object | string,
  headers?: Record<string, string>,
) => server.as(who.token, { method, url, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });

describe('a change and its audit entry', () => {
  it('commit together: when the entry cannot be written, the approval is taken back', async () => {
    const doc = await pending();
    const { db } = server.app.ctx;
    db.exec(`CREATE TEMP TRIGGER audit_fails BEFORE INSERT ON audit_log WHEN new.action = 'review.decide'
             BEGIN SELECT RAISE(ABORT, 'the audit log cannot be written'); END`);
    try {
      const res = await as(world.supervisor, 'POST', `/api/review/submissions/${doc.id}/decision`, {
        decision: 'approve',
        rev: doc.rev,
      });
      expect(res.statusCode).toBe(500);
    } finally {
      db.exec('DROP TRIGGER temp.audit_fails');
    }
    expect(server.app.ctx.submissions.getMaster(doc.id)?.status).toBe('pending_review');
    expect(server.app.ctx.review.reviewsOf(doc.id)).toEqual([]);
    const again = await as(world.supervisor, 'POST', `/api/review/submissions/${doc.id}/decision`, {
      decision: 'approve',
      rev: doc.rev,
    });
    expect(again.statusCode, again.body).toBe(200);
  });
});

describe('decisions', () => {
  it('name the record and what was decided; a bulk approval writes one entry per record', async () => {
    const one = await pending();
    const res = await as(world.supervisor, 'POST', `/api/review/submissions/${one.id}/decision`, {
      decision: 'return',
      rev: one.rev,
      comment: 'Vérifiez les âges',
    });
    expect(res.statusCode).toBe(200);
    expect(entries('review.decide').find((e) => e.target === one.id)).toMatchObject({
      actor: 'supervisor',
      outcome: 'success',
      status: 200,
      details: expect.objectContaining({ decision: 'return', formId: 'household_survey', status: 'returned' }),
    });
    expect(JSON.stringify(entries('review.decide'))).not.toContain('Vérifiez');

    const batch = [await pending(), await pending()];
    const bulk = await as(world.supervisor, 'POST', '/api/review/bulk-approve', {
      items: batch.map((d) => ({ id: d.id, rev: d.rev })),
    });
    expect(bulk.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(['approved', 'approved']);
    for (const d of batch) {
      expect(entries('review.decide').find((e) => e.target === d.id)?.details).toMatchObject({
        decision: 'approve',
        bulk: true,
      });
    }
    expect(entries('review.bulk-approve')[0]?.details).toMatchObject({ items: 2, approved: 2 });
  });
});

describe('grievance tickets', () => {
  it('record every action with the ticket, and who read a SENSITIVE case or a file', async () => {
    const gbv = await fileGrievance(world, { category: 'VIOLENCE_GBV', subcategory: 'GBV_PHYSICAL' });
    const version = server.app.ctx.grievanceCases.get(gbv)!.version;
    expect(
      (await as(officer, 'POST', `/api/grievances/tickets/${gbv}/status`, { to: 'OPEN', version })).statusCode,
    ).toBe(200);
    expect(
      (await as(officer, 'POST', `/api/grievances/tickets/${gbv}/comments`, { body: 'Appel à la victime' })).statusCode,
    ).toBe(200);
    const file = await as(officer, 'POST', `/api/grievances/tickets/${gbv}/attachments?filename=note.txt`, 'note', {
      'content-type': 'text/plain',
    });
    expect(file.statusCode).toBe(201);
    expect(entries('ticket.status')[0]).toMatchObject({
      target: gbv,
      details: expect.objectContaining({ from: 'RECEIVED', to: 'OPEN' }),
    });
    expect(entries('ticket.comment')[0]).toMatchObject({ target: gbv, status: 200 });
    expect(JSON.stringify(entries('ticket.comment'))).not.toContain('victime');
    expect(entries('ticket.attach')[0]).toMatchObject({ target: gbv, status: 201 });

    const before = entries('ticket.read').length;
    expect((await as(officer, 'GET', `/api/grievances/tickets/${gbv}`)).statusCode).toBe(200);
    expect(entries('ticket.read')).toHaveLength(before + 1);
    expect(entries('ticket.read')[0]).toMatchObject({ actor: 'grievance', target: gbv, method: 'GET' });
    const open = await fileGrievance(world);
    await as(officer, 'GET', `/api/grievances/tickets/${open}`);
    expect(entries('ticket.read')).toHaveLength(before + 1);

    expect((await as(officer, 'GET', `/api/grievances/tickets/${gbv}/attachments/${file.json().id}`)).statusCode).toBe(
      200,
    );
    expect(entries('ticket.attachment.read')[0]).toMatchObject({ actor: 'grievance', target: gbv });
  });
});

describe('review records', () => {
  it('record who opened one', async () => {
    const doc = await pending();
    expect((await as(world.supervisor, 'GET', `/api/review/submissions/${doc.id}`)).statusCode).toBe(200);
    expect(entries('review.read')[0]).toMatchObject({ actor: 'supervisor', target: doc.id, outcome: 'success' });
  });
});

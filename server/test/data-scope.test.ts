/**
 * Issue 12: writes check the data's scope, not only the caller's (DESIGN.md §3 rule 6). A revisit cannot rewrite a
 * household of another commune (finding 2: quarantined at push, refused at approval); a row for a colline outside
 * its author's areas is refused by itself — kept for its author only, outside review and the registry — while the
 * rest of the batch flows; a decided record cannot be deleted from a device (Low). Each test failed before the fix.
 */
import type { HouseholdDoc, LoginResponse, ReviewQueueResponse, Submission } from '@kusanya/schemas';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/usecases/users.js';
import { registerHouseholdDoc } from '@kusanya/tools/factories/registry';
import { seededRandom, syntheticHouseholdDoc } from '@kusanya/tools/factories/households';
import { householdSubmission, publishShippedForm, startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let enumerator: LoginResponse;
let supervisor: LoginResponse;
let version: string;
const PASSWORD = 'data-scope-password';

beforeAll(async () => {
  server = await startTestServer();
  version = (await publishShippedForm(server, 'household_survey')).version;
  enumerator = await server.login('enumerator');
  supervisor = await server.login('supervisor');
}, 60_000);
afterAll(() => server.close());

type Answers = Record<string, unknown>;
const pushRows = (rows: { assumedMasterState: Submission | null; newDocumentState: Submission }[], as = enumerator) =>
  server.as(as.token, { method: 'POST', url: '/api/sync/submissions/push', payload: rows });
const fresh = (over: Partial<Submission> = {}) =>
  householdSubmission(enumerator.user.id, { formVersion: version, data: uniqueHousehold(), ...over });
let families = 0;
function uniqueHousehold(): Answers {
  families += 1;
  const data = sampleHousehold(3);
  const members = (data['members'] as Answers[]).map(({ national_id: _id, ...m }, i) => ({
    ...m,
    last_name: `Scope${families}x${i}`,
  }));
  return { ...data, members };
}
const get = (who: LoginResponse, url: string) => server.as(who.token, { method: 'GET', url });

/** A registry household of another commune (C0302), as the registry holds it. */
function foreignHousehold(seed: number): HouseholdDoc {
  const doc = syntheticHouseholdDoc(seededRandom(seed), 'CL03020101', 620_000 + seed);
  registerHouseholdDoc(server.app.ctx.registry, server.app.ctx.locationTree(), doc, 'data-scope');
  return doc;
}
/** A visit of that household as the enumerator of CL03010101 would send it (its members, a change of rooms). */
const visitOf = (h: HouseholdDoc) =>
  fresh({
    data: {
      ...sampleHousehold(3),
      ...h.values,
      province: 'P03',
      commune: 'C0301',
      zone: 'Z030101',
      colline: 'CL03010101',
      rooms: 9,
      members: h.members.map((m) => ({ ...m.values, individual_id: m.individualId })),
      roster_complete: 'yes',
    },
    meta: {
      ...householdSubmission(enumerator.user.id).meta,
      subject: { householdId: h.id, baseVersion: h.version },
    },
  });

describe('a revisit of a household of another commune (finding 2)', () => {
  it('is quarantined at push as needs_correction, naming the household and its colline', async () => {
    const h = foreignHousehold(1);
    const good = fresh();
    const res = await pushRows([
      { assumedMasterState: null, newDocumentState: visitOf(h) },
      { assumedMasterState: null, newDocumentState: good },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const [stored, other] = res.json<Submission[]>();
    expect(stored?.status).toBe('needs_correction');
    expect(stored?.errors).toContainEqual({
      path: 'meta.subject.householdId',
      code: 'subject-outside-area',
      message: expect.stringMatching(/Household .* lives in Kibimba \(sample\), not in Mubuga \(sample\)/),
      details: {
        householdId: h.id,
        householdCode: h.code,
        householdArea: 'CL03020101',
        householdAreaName: 'Kibimba (sample)',
        recordArea: 'CL03010101',
        recordAreaName: 'Mubuga (sample)',
      },
    });
    // The rest of the batch flows.
    expect(other).toMatchObject({ id: good.id, status: 'pending_review' });
    expect(server.app.ctx.households.get(h.id)).toEqual(h);
    expect(server.app.ctx.review.candidatesOf(stored!.id)).toEqual([]);
  });

  it('is refused at approval even if it reached the review queue, and the household stays as it was', async () => {
    const h = foreignHousehold(2);
    const visit = { ...visitOf(h), status: 'pending_review' as const, rev: 2 };
    // As a record that arrived before intake checked it: waiting for review in the supervisor's commune.
    server.app.ctx.submissions.writeMaster(visit, new Date().toISOString());
    const res = await server.as(supervisor.token, {
      method: 'POST',
      url: `/api/review/submissions/${visit.id}/decision`,
      payload: { decision: 'approve', rev: 2, registryVersion: h.version },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'not-approvable',
      message: expect.stringContaining('lives in Kibimba (sample), not in Mubuga (sample)'),
      details: [{ code: 'subject-outside-area', householdId: h.id, householdArea: 'CL03020101' }],
    });
    expect(server.app.ctx.households.get(h.id)).toEqual(h);
    expect(server.app.ctx.submissions.getMaster(visit.id)?.status).toBe('pending_review');
  });
});

describe("a row for a colline outside its author's areas (DESIGN §3 rule 6)", () => {
  it('is kept for its author only, as needs_correction naming the colline, and never blocks the batch', async () => {
    const good = fresh();
    const elsewhere = fresh({ meta: { ...fresh().meta, area: 'CL05010101' } });
    const res = await pushRows([
      { assumedMasterState: null, newDocumentState: good },
      { assumedMasterState: null, newDocumentState: elsewhere },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const answered = res.json<Submission[]>();
    expect(answered.find((d) => d.id === good.id)?.status).toBe('pending_review');
    const refused = answered.find((d) => d.id === elsewhere.id)!;
    expect(refused).toMatchObject({ status: 'needs_correction', rev: 2 });
    expect(refused.errors).toEqual([
      {
        path: 'meta.area',
        code: 'area-not-assigned',
        message: expect.stringMatching(/^Kinyami \(sample\) \(commune .+\) is not one of your collines/),
        details: {
          area: 'CL05010101',
          areaName: 'Kinyami (sample)',
          commune: 'C0501',
          communeName: expect.any(String),
        },
      },
    ]);

    // Nobody else sees it: not the supervisors of the colline it names, nor HQ; its author pulls it back.
    await createUser(server.app.ctx, {
      username: 'sup-c0501',
      password: PASSWORD,
      role: 'supervisor',
      areas: ['C0501'],
    });
    const far = await server.login('sup-c0501', PASSWORD);
    for (const who of [far, await server.login('hq')]) {
      const queue = await get(who, '/api/review/queue?status=needs_correction&limit=500');
      expect(queue.json<ReviewQueueResponse>().items.map((i) => i.id)).not.toContain(elsewhere.id);
      expect((await get(who, `/api/review/submissions/${elsewhere.id}`)).statusCode).toBe(404);
    }
    const pulled = (await get(enumerator, '/api/sync/submissions/pull?seq=0&limit=1000')).json<{
      documents: Submission[];
    }>();
    expect(pulled.documents.find((d) => d.id === elsewhere.id)?.errors[0]).toMatchObject({
      code: 'area-not-assigned',
      details: { area: 'CL05010101' },
    });

    // Corrected on the tablet (its own colline) and sent again: it enters review like any record.
    const corrected = { ...refused, status: 'submitted' as const, meta: { ...refused.meta, area: 'CL03010101' } };
    const again = await pushRows([{ assumedMasterState: refused, newDocumentState: corrected }]);
    expect(again.json<Submission[]>()[0]?.status).toBe('pending_review');
    const queue = await get(supervisor, '/api/review/queue?limit=500');
    expect(queue.json<ReviewQueueResponse>().items.map((i) => i.id)).toContain(elsewhere.id);
  });
});

describe('deleting a record from a device (Low)', () => {
  it('is refused once the record is approved: the device gets the approved record back', async () => {
    const doc = (await pushRows([{ assumedMasterState: null, newDocumentState: fresh() }])).json<Submission[]>()[0]!;
    const approved = await server.as(supervisor.token, {
      method: 'POST',
      url: `/api/review/submissions/${doc.id}/decision`,
      payload: { decision: 'approve', rev: doc.rev },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const master = approved.json<{ submission: Submission }>().submission;
    const res = await pushRows([
      { assumedMasterState: master, newDocumentState: { ...master, _deleted: true, rev: master.rev + 1 } },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json<Submission[]>()).toEqual([master]);
    expect(server.app.ctx.submissions.getMaster(doc.id)).toEqual(master);
  });
});

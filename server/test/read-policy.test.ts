/**
 * Issue 12, the read policy on the data (domain/read-policy.ts): SENSITIVE grievances never reach a supervisor or
 * HQ through the review routes or the dashboards (finding 1, and the operations dashboard); an HQ user of one
 * province pulls no household of another (finding 8); duplicate candidates of another province are shown without
 * the person (Low). Each test failed before the fix.
 */
import type { LoginResponse, ReviewQueueResponse, Submission, SubmissionReview } from '@kusanya/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/usecases/users.js';
import { registerHouseholdDoc } from '@kusanya/tools/factories/registry';
import { seededRandom, syntheticHouseholdDoc } from '@kusanya/tools/factories/households';
import { householdSubmission, startTestServer, type TestServer } from './helpers.js';
import { grievanceAnswers, householdAnswers, hqWorld, push, type HqWorld } from './hq-fixtures.js';

let server: TestServer;
let world: HqWorld;
let hq: LoginResponse;
let officer: LoginResponse;
const PASSWORD = 'read-policy-password';

/** A user of a role and areas, logged in. */
async function userWith(
  username: string,
  role: 'hq' | 'supervisor' | 'grievance_officer',
  areas: [string, ...string[]],
) {
  await createUser(server.app.ctx, { username, password: PASSWORD, role, areas });
  return server.login(username, PASSWORD);
}

const get = async <T>(who: LoginResponse, url: string) => {
  const res = await server.as(who.token, { method: 'GET', url });
  return { status: res.statusCode, body: res.body, json: () => res.json<T>() };
};

beforeAll(async () => {
  server = await startTestServer();
  world = await hqWorld(server);
  hq = await server.login('hq');
  officer = await server.login('grievance');
}, 60_000);
afterAll(() => server.close());

describe('SENSITIVE grievances (finding 1)', () => {
  let gbv: Submission;
  let draftGbv: Submission;
  let payment: Submission;
  beforeAll(async () => {
    const grievance = (data: Record<string, unknown>) =>
      householdSubmission(world.enumerator.user.id, {
        formId: 'grievance',
        formVersion: world.forms.grievance.version,
        data,
      });
    gbv = await push(
      world,
      grievance(
        grievanceAnswers({
          category: 'VIOLENCE_GBV',
          subcategory: 'GBV_PHYSICAL',
          reporter_name: 'Marker GBV Victim',
          reporter_phone: '79000001',
          description: 'Marker story of violence',
        }),
      ),
    );
    // A GBV grievance the server sends back for correction (a phone number it refuses): no ticket yet.
    draftGbv = await push(
      world,
      grievance(
        grievanceAnswers({
          category: 'VIOLENCE_GBV',
          subcategory: 'GBV_PHYSICAL',
          reporter_name: 'Marker Draft Victim',
          reporter_phone: '12',
          description: 'Marker draft story',
        }),
      ),
    );
    payment = await push(world, grievance(grievanceAnswers({ reporter_name: 'Open Payment Reporter' })));
    expect([gbv.status, draftGbv.status, payment.status]).toEqual(['approved', 'needs_correction', 'approved']);
  });

  it('are not listed, counted or opened by supervisors or HQ through the review routes', async () => {
    for (const who of [world.supervisor, hq]) {
      for (const status of ['approved', 'needs_correction']) {
        const queue = await get<ReviewQueueResponse>(who, `/api/review/queue?status=${status}&formId=grievance`);
        expect(queue.status).toBe(200);
        expect(queue.body).not.toMatch(/Marker/);
        expect(queue.json().counts.total).toBe(status === 'approved' ? 1 : 0);
      }
      const open = await get<ReviewQueueResponse>(who, '/api/review/queue?status=approved&formId=grievance');
      expect(open.json().items.map((i) => i.id)).toEqual([payment.id]);
      for (const id of [gbv.id, draftGbv.id]) {
        const one = await get(who, `/api/review/submissions/${id}`);
        expect(one.status, one.body).toBe(404);
        expect(one.body).not.toMatch(/Marker/);
      }
      expect((await get(who, `/api/review/submissions/${payment.id}`)).status).toBe(200);
    }
  });

  it('stay with the grievance officers of their area, as their tickets do', async () => {
    const ticket = server.app.ctx.grievances.bySubmission(gbv.id)!;
    const detail = await get(officer, `/api/grievances/tickets/${ticket.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toContain('Marker GBV Victim');
    expect((await get(hq, `/api/grievances/tickets/${ticket.id}`)).status).toBe(404);
  });

  it("are not counted in HQ's operations dashboard, even for one colline and one day", async () => {
    const day = new Date().toISOString().slice(0, 10);
    const dash = await get<{ submissionsPerDay: { formId: string; count: number }[] }>(
      hq,
      `/api/dashboards/operations?from=${day}&to=${day}&area=CL03010101`,
    );
    expect(dash.json().submissionsPerDay.filter((d) => d.formId === 'grievance')).toEqual([
      expect.objectContaining({ count: 1 }),
    ]);
  });
});

describe('registry households on devices (finding 8)', () => {
  it('an HQ user of one province pulls the households of that province only', async () => {
    const far = syntheticHouseholdDoc(seededRandom(61), 'CL05010101', 610_001);
    registerHouseholdDoc(server.app.ctx.registry, server.app.ctx.locationTree(), far, 'read-policy');
    const near = syntheticHouseholdDoc(seededRandom(62), 'CL03010101', 610_002);
    registerHouseholdDoc(server.app.ctx.registry, server.app.ctx.locationTree(), near, 'read-policy');
    const pulled = async (who: LoginResponse) =>
      (await get<{ documents: { id: string }[] }>(who, '/api/sync/households/pull?seq=0&limit=1000'))
        .json()
        .documents.map((d) => d.id);
    const provincial = await pulled(await userWith('hq-p05', 'hq', ['P05']));
    expect(provincial).toContain(far.id);
    expect(provincial).not.toContain(near.id);
    expect(await pulled(hq)).toEqual(expect.arrayContaining([far.id, near.id]));
  });
});

describe('duplicate candidates (Low)', () => {
  it('of another province are shown to a supervisor without the person, in full to HQ', async () => {
    const far = syntheticHouseholdDoc(seededRandom(63), 'CL05010101', 610_003);
    const [head] = far.members;
    head!.values = {
      ...head!.values,
      first_name: 'Marker',
      last_name: 'Faraway',
      national_id: '9999/424.242',
    };
    registerHouseholdDoc(server.app.ctx.registry, server.app.ctx.locationTree(), far, 'read-policy');
    const data = householdAnswers([{ first_name: 'Jeanne', last_name: 'Local', national_id: '9999/424.242' }], 3);
    const doc = await push(
      world,
      householdSubmission(world.enumerator.user.id, { formVersion: world.forms.household_survey.version, data }),
    );
    const review = async (who: LoginResponse) => {
      const res = await get<SubmissionReview>(who, `/api/review/submissions/${doc.id}`);
      expect(res.status, res.body).toBe(200);
      return { body: res.body, candidates: res.json().candidates.filter((c) => c.candidateId === head!.individualId) };
    };
    const forSupervisor = await review(world.supervisor);
    expect(forSupervisor.candidates).toEqual([
      expect.objectContaining({ rule: 'national_id', person: null, household: null, withheld: { province: 'P05' } }),
    ]);
    expect(forSupervisor.body).not.toMatch(/Marker|Faraway/);
    const forHq = await review(hq);
    expect(forHq.candidates).toEqual([
      expect.objectContaining({ person: expect.objectContaining({ firstName: 'Marker', lastName: 'Faraway' }) }),
    ]);
  });
});

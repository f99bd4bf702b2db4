import type {
  FormDefinition,
  HouseholdDoc,
  LoginResponse,
  ReviewQueueResponse,
  Submission,
  SubmissionReview,
} from '@kusanya/schemas';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/usecases/users.js';
import { householdSubmission, publishShippedForm, startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let enumerator: LoginResponse;
let supervisor: LoginResponse;
let definition: FormDefinition;

beforeAll(async () => {
  server = await startTestServer();
  definition = await publishShippedForm(server, 'household_survey');
  enumerator = await server.login('enumerator');
  supervisor = await server.login('supervisor');
});
afterAll(() => server.close());

type Answers = Record<string, unknown>;
let nameCounter = 0;
/** A valid household with unique member names (so unrelated tests do not see each other as duplicates). */
function household(members = 5, edit: (d: Answers) => Answers = (d) => d): Answers {
  nameCounter += 1;
  const data = sampleHousehold(members);
  const roster = (data['members'] as Answers[]).map((m, i) => {
    const { national_id: _id, ...rest } = m;
    return { ...rest, last_name: `Family${nameCounter}x${i}` };
  });
  return edit({ ...data, members: roster });
}

async function push(doc: Submission, as = enumerator): Promise<Submission> {
  const res = await server.as(as.token, {
    method: 'POST',
    url: '/api/sync/submissions/push',
    payload: [{ assumedMasterState: null, newDocumentState: doc }],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Submission[]>()[0] ?? doc;
}
const submit = (data: Answers, over: Partial<Submission> = {}) =>
  push(householdSubmission(enumerator.user.id, { formVersion: definition.version, data, ...over }));
const decideAs = (token: string, id: string, body: object) =>
  server.as(token, { method: 'POST', url: `/api/review/submissions/${id}/decision`, payload: body });
const detail = async (id: string) =>
  (await server.as(supervisor.token, { method: 'GET', url: `/api/review/submissions/${id}` })).json<SubmissionReview>();
const count = (sql: string, ...params: unknown[]) => (server.app.ctx.db.prepare(sql).get(...params) as { n: number }).n;

describe('approving a new household', () => {
  it('creates the household with a code, its members and history, and the device pulls the decision', async () => {
    const doc = await submit(household(5));
    expect(doc.status).toBe('pending_review');
    const res = await decideAs(supervisor.token, doc.id, { decision: 'approve', rev: doc.rev });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.household).toMatchObject({
      created: true,
      version: 1,
      code: expect.stringMatching(/^\d{4}-P03-\d{6}$/),
    });
    expect(body.submission).toMatchObject({
      status: 'approved',
      rev: doc.rev + 1,
      review: { by: 'supervisor', decision: 'approve' },
    });
    const id = body.household.householdId as string;
    expect(count('SELECT count(*) AS n FROM memberships WHERE household_id = ? AND ended_at IS NULL', id)).toBe(5);
    expect(count("SELECT count(*) AS n FROM registry_history WHERE household_id = ? AND field = '(created)'", id)).toBe(
      6,
    );
    const householdDoc = server.app.ctx.households.get(id)!;
    expect(householdDoc.members.filter((m) => m.role === 'HEAD')).toHaveLength(1);
    expect(householdDoc.members.filter((m) => m.recipient === 'PRIMARY')).toHaveLength(1);

    const pulled = await server.as(enumerator.token, {
      method: 'GET',
      url: '/api/sync/submissions/pull?seq=0&limit=1000',
    });
    expect(pulled.json<{ documents: Submission[] }>().documents.find((d) => d.id === doc.id)?.status).toBe('approved');

    // Approving twice is a no-op.
    const again = await decideAs(supervisor.token, doc.id, { decision: 'approve', rev: doc.rev });
    expect(again.json()).toMatchObject({ unchanged: true, submission: { rev: doc.rev + 1 } });
    expect(count('SELECT count(*) AS n FROM households')).toBeGreaterThanOrEqual(1);
  });
});

describe('bad decisions and races', () => {
  it('needs a reason to reject and a comment to return', async () => {
    const doc = await submit(household(3));
    expect((await decideAs(supervisor.token, doc.id, { decision: 'reject', rev: doc.rev })).json().error.code).toBe(
      'validation-failed',
    );
    expect((await decideAs(supervisor.token, doc.id, { decision: 'return', rev: doc.rev })).json().error.code).toBe(
      'validation-failed',
    );
    const rejected = await decideAs(supervisor.token, doc.id, {
      decision: 'reject',
      rev: doc.rev,
      reason: 'NOT_ELIGIBLE',
      comment: 'Owns 3 cows',
    });
    expect(rejected.json().submission).toMatchObject({
      status: 'rejected',
      review: { reason: 'NOT_ELIGIBLE', comment: 'Owns 3 cows' },
    });
  });

  it('lets one of two supervisors deciding at once win; the other gets 409 with the current state', async () => {
    const other = await createUser(server.app.ctx, {
      username: 'supervisor2',
      password: 'kusanya-demo',
      role: 'supervisor',
      areas: ['C0301'],
    });
    const otherLogin = await server.login(other.username);
    const doc = await submit(household(3));
    const [a, b] = await Promise.all([
      decideAs(supervisor.token, doc.id, { decision: 'approve', rev: doc.rev }),
      decideAs(otherLogin.token, doc.id, { decision: 'return', rev: doc.rev, comment: 'check ages' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error).toMatchObject({
      code: 'conflict',
      details: [{ status: expect.stringMatching(/approved|returned/) }],
    });
  });

  it("refuses a record outside the supervisor's communes with 403", async () => {
    const far = await createUser(server.app.ctx, {
      username: 'enum-giheta',
      password: 'kusanya-demo',
      role: 'enumerator',
      areas: ['CL03020101'],
    });
    const farLogin = await server.login(far.username);
    const data = household(3, (d) => ({ ...d, commune: 'C0302', zone: 'Z030201', colline: 'CL03020101' }));
    const doc = await push(
      householdSubmission(far.id, {
        formVersion: definition.version,
        data,
        meta: { ...householdSubmission(far.id).meta, area: 'CL03020101' },
      }),
      farLogin,
    );
    const res = await decideAs(supervisor.token, doc.id, { decision: 'approve', rev: doc.rev });
    expect(res.statusCode).toBe(403);
    expect(
      (await server.as(supervisor.token, { method: 'GET', url: `/api/review/submissions/${doc.id}` })).statusCode,
    ).toBe(403);
  });

  it('refuses to approve a record that needs correction, saying why', async () => {
    const doc = await submit(household(3, ({ respondent_name, ...d }) => d));
    expect(doc.status).toBe('needs_correction');
    const res = await decideAs(supervisor.token, doc.id, { decision: 'approve', rev: doc.rev });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'not-approvable',
      message: expect.stringContaining('needs correction'),
    });
  });

  it('forbids enumerators from deciding', async () => {
    const doc = await submit(household(2));
    expect((await decideAs(enumerator.token, doc.id, { decision: 'approve', rev: doc.rev })).statusCode).toBe(403);
  });
});

describe('returned to the device and resubmitted', () => {
  it('keeps every revision, shows the reviewer what changed and marks the correction in the queue', async () => {
    const untouched = await submit(household(2));
    const doc = await submit(household(3));
    const returned = (
      await decideAs(supervisor.token, doc.id, { decision: 'return', rev: doc.rev, comment: 'Rooms should be 4' })
    ).json().submission as Submission;
    expect(returned).toMatchObject({ status: 'returned', review: { comment: 'Rooms should be 4' } });
    const corrected = {
      ...returned,
      status: 'submitted' as const,
      rev: returned.rev + 1,
      data: { ...returned.data, rooms: 4 },
    };
    const res = await server.as(enumerator.token, {
      method: 'POST',
      url: '/api/sync/submissions/push',
      payload: [{ assumedMasterState: returned, newDocumentState: corrected }],
    });
    const [resubmitted] = res.json<Submission[]>();
    expect(resubmitted).toMatchObject({ status: 'pending_review', data: { rooms: 4 } });
    const view = await detail(doc.id);
    expect(view.revisions).toHaveLength(2);
    expect(view.revisions[1]!.changes).toEqual([{ field: 'rooms', old: 3, new: 4 }]);
    expect(view.reviews).toMatchObject([{ decision: 'return', comment: 'Rooms should be 4', by: 'supervisor' }]);
    const queue = (
      await server.as(supervisor.token, { method: 'GET', url: '/api/review/queue?limit=500' })
    ).json<ReviewQueueResponse>();
    const correction = (id: string) => queue.items.find((i) => i.id === id)?.correction;
    expect([correction(doc.id), correction(untouched.id)]).toEqual([true, false]);
  });
});

describe('duplicates', () => {
  it('flags the same national ID, lets the supervisor say "different", and does not ask again', async () => {
    const withId = (d: Answers, id: string) => ({
      ...d,
      members: (d['members'] as Answers[]).map((m, i) => (i === 0 ? { ...m, national_id: id } : m)),
    });
    const first = await submit(household(3, (d) => withId(d, '11/222.333-44')));
    expect((await decideAs(supervisor.token, first.id, { decision: 'approve', rev: first.rev })).statusCode).toBe(200);

    const second = await submit(household(3, (d) => withId(d, '1122233344')));
    const view = await detail(second.id);
    const candidate = view.candidates.find((c) => c.rule === 'national_id' && c.kind === 'individual');
    expect(candidate).toMatchObject({
      memberIndex: 0,
      decision: null,
      person: { nationalId: '11/222.333-44', householdCode: expect.any(String) },
    });
    const blocked = await decideAs(supervisor.token, second.id, { decision: 'approve', rev: second.rev });
    expect(blocked.json().error).toMatchObject({
      code: 'not-approvable',
      message: expect.stringContaining('duplicate'),
    });

    const judged = await server.as(supervisor.token, {
      method: 'POST',
      url: `/api/review/candidates/${candidate!.id}/decision`,
      payload: { decision: 'different' },
    });
    expect(judged.json()).toMatchObject({ decision: 'different' });
    expect((await decideAs(supervisor.token, second.id, { decision: 'approve', rev: second.rev })).statusCode).toBe(
      200,
    );

    // The same identity is not asked about the same person again.
    const third = await submit({ ...(second.data as Answers) });
    const again = await detail(third.id);
    expect(again.candidates.map((c) => c.candidateId)).not.toContain(candidate!.candidateId);
  });

  it('finds the same name + sex + birth year ±1 in the same commune, spelled differently, among records still waiting', async () => {
    const a = await submit(
      household(2, (d) => ({
        ...d,
        members: (d['members'] as Answers[]).map((m, i) =>
          i === 0 ? { ...m, first_name: 'Jean-Claude', last_name: 'Nkurunziza' } : m,
        ),
      })),
    );
    const b = await submit(
      household(2, (d) => ({
        ...d,
        members: (d['members'] as Answers[]).map((m, i) =>
          i === 0 ? { ...m, first_name: 'NKOUROUNZIZA', last_name: 'Jean Claude', dob: '1980-01-02' } : m,
        ),
      })),
    );
    expect(a.status).toBe('pending_review');
    const view = await detail(b.id);
    expect(view.candidates).toContainEqual(
      expect.objectContaining({
        rule: 'name',
        kind: 'pending_person',
        candidateId: `${a.id}#0`,
        person: expect.objectContaining({ lastName: 'Nkurunziza' }),
      }),
    );
  });

  it('refuses to link a person who is an active member of another household', async () => {
    const first = await submit(household(2));
    await decideAs(supervisor.token, first.id, { decision: 'approve', rev: first.rev });
    const copy = await submit({ ...(first.data as Answers) });
    const view = await detail(copy.id);
    const headCandidate = view.candidates.find((c) => c.memberIndex === 0 && c.kind === 'individual');
    expect(headCandidate).toBeDefined();
    for (const c of view.candidates) {
      await server.as(supervisor.token, {
        method: 'POST',
        url: `/api/review/candidates/${c.id}/decision`,
        payload: { decision: c.id === headCandidate!.id ? 'same' : 'different' },
      });
    }
    const households = count('SELECT count(*) AS n FROM households');
    const res = await decideAs(supervisor.token, copy.id, { decision: 'approve', rev: copy.rev });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/already an active member of household \d{4}-P03-\d{6}/);
    // The refused approval left nothing behind: no household, no history, the record still waiting.
    expect(count('SELECT count(*) AS n FROM households')).toBe(households);
    expect(count('SELECT count(*) AS n FROM registry_history WHERE submission_id = ?', copy.id)).toBe(0);
    expect((await detail(copy.id)).submission.status).toBe('pending_review');
  });
});

describe('revisits', () => {
  async function registered() {
    const doc = await submit(household(4));
    const approved = (await decideAs(supervisor.token, doc.id, { decision: 'approve', rev: doc.rev })).json();
    return server.app.ctx.households.get(approved.household.householdId)!;
  }
  const revisitData = (h: HouseholdDoc, edit: (members: Answers[]) => Answers[], values: Answers = {}) => ({
    ...h.values,
    ...values,
    members: edit(h.members.map((m) => ({ ...m.values, individual_id: m.individualId }))),
    roster_complete: 'yes',
  });

  it('applies field changes, ends a membership and adds a member, with history', async () => {
    const h = await registered();
    const leaving = h.members.find((m) => m.role !== 'HEAD' && m.recipient === null)!;
    const newcomer = {
      ...(household(2)['members'] as Answers[])[1]!,
      relationship: 'OTHER',
      relationship_detail: 'NEPHEW_NIECE',
      recipient: 'NONE',
      is_respondent: 'no',
    };
    const data = revisitData(
      h,
      (members) => [...members.filter((m) => m['individual_id'] !== leaving.individualId), newcomer],
      { rooms: 6 },
    );
    const doc = await submit(data, {
      meta: { ...householdSubmission(enumerator.user.id).meta, subject: { householdId: h.id, baseVersion: h.version } },
    });
    expect(doc.status, JSON.stringify(doc.errors)).toBe('pending_review');
    const res = await decideAs(supervisor.token, doc.id, { decision: 'approve', rev: doc.rev });
    expect(res.json().household).toMatchObject({ householdId: h.id, version: 2, created: false });
    const after = server.app.ctx.households.get(h.id)!;
    expect(after.values['rooms']).toBe(6);
    expect(after.members.map((m) => m.individualId)).not.toContain(leaving.individualId);
    expect(after.members).toHaveLength(h.members.length);
    const history = server.app.ctx.registry.history(h.id);
    expect(history).toContainEqual(
      expect.objectContaining({
        entity: 'household',
        field: 'rooms',
        oldValue: 3,
        newValue: 6,
        submissionId: doc.id,
        approvedBy: 'supervisor',
        householdVersion: 2,
      }),
    );
    expect(history).toContainEqual(
      expect.objectContaining({ entity: 'membership', entityId: leaving.individualId, field: '(left)' }),
    );
    // Leaving is an end of membership, not a deletion.
    expect(server.app.ctx.registry.getIndividual(leaving.individualId)).not.toBeNull();
  });

  it('shows base / registry now / visit when the registry moved, and refuses a stale approval with 409', async () => {
    const h = await registered();
    const visitA = await submit(
      revisitData(h, (m) => m, { rooms: 5 }),
      { meta: { ...householdSubmission(enumerator.user.id).meta, subject: { householdId: h.id, baseVersion: 1 } } },
    );
    const visitB = await submit(
      revisitData(h, (m) => m, { rooms: 7, roof: 'TILES' }),
      { meta: { ...householdSubmission(enumerator.user.id).meta, subject: { householdId: h.id, baseVersion: 1 } } },
    );
    await decideAs(supervisor.token, visitA.id, { decision: 'approve', rev: visitA.rev });
    const view = await detail(visitB.id);
    expect(view.registry).toMatchObject({ baseVersion: 1, stale: true, current: { version: 2 } });
    expect(view.registry!.fields).toContainEqual({ field: 'rooms', base: 3, current: 5, proposed: 7, conflict: true });
    const stale = await decideAs(supervisor.token, visitB.id, { decision: 'approve', rev: visitB.rev });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'stale-version',
      message: expect.stringContaining('Review the differences'),
    });
    const ok = await decideAs(supervisor.token, visitB.id, {
      decision: 'approve',
      rev: visitB.rev,
      registryVersion: 2,
    });
    expect(ok.json().household).toMatchObject({ version: 3 });
  });

  it('quarantines a visit of an unknown household or member', async () => {
    const h = await registered();
    const ghost = await submit(
      revisitData(h, (m) => m),
      {
        meta: {
          ...householdSubmission(enumerator.user.id).meta,
          subject: { householdId: '01936f3e-8b2a-7c3d-9e4f-0123456789ff', baseVersion: 1 },
        },
      },
    );
    expect(ghost).toMatchObject({
      status: 'needs_correction',
      errors: [{ message: expect.stringContaining('not in the registry') }],
    });
    const stranger = await submit(
      revisitData(h, (m) =>
        m.map((x, i) => (i === 1 ? { ...x, individual_id: '01936f3e-8b2a-7c3d-9e4f-0123456789fe' } : x)),
      ),
      {
        meta: {
          ...householdSubmission(enumerator.user.id).meta,
          subject: { householdId: h.id, baseVersion: h.version },
        },
      },
    );
    expect(stranger).toMatchObject({ status: 'needs_correction', errors: [{ path: 'members[1]' }] });
  });
});

describe('queue, bulk approval and team', () => {
  it("lists the area's waiting records with counts, bulk-approves the clean ones and reports the team", async () => {
    const clean = await Promise.all([submit(household(2)), submit(household(2))]);
    const queue = (await server.as(supervisor.token, { method: 'GET', url: '/api/review/queue?limit=500' })).json();
    expect(queue.counts.total).toBeGreaterThanOrEqual(2);
    expect(queue.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(clean.map((c) => c.id)));
    expect(queue.counts.byEnumerator['enumerator']).toBeGreaterThanOrEqual(2);

    const bulk = await server.as(supervisor.token, {
      method: 'POST',
      url: '/api/review/bulk-approve',
      payload: { items: clean.map(({ id, rev }) => ({ id, rev })) },
    });
    expect(bulk.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(['approved', 'approved']);

    const team = (await server.as(supervisor.token, { method: 'GET', url: '/api/review/team' })).json();
    expect(team.enumerators.find((e: { username: string }) => e.username === 'enumerator')).toMatchObject({
      thisWeek: expect.any(Number),
      devices: [{ deviceId: 'enumerator-device' }],
    });
  });
});

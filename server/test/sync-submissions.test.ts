import type { LoginResponse, Submission, SubmissionsPullResponse } from '@kusanya/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdSubmission, SEEDED_HOUSEHOLD_VERSION, startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let enumerator: LoginResponse;

beforeAll(async () => {
  server = await startTestServer();
  enumerator = await server.login('enumerator');
});
afterAll(() => server.close());

const push = (rows: unknown, token = enumerator.token) =>
  server.as(token, { method: 'POST', url: '/api/sync/submissions/push', payload: rows as object });
const pull = async (seq: number, limit = 100, token = enumerator.token) => {
  const res = await server.as(token, { method: 'GET', url: `/api/sync/submissions/pull?seq=${seq}&limit=${limit}` });
  expect(res.statusCode).toBe(200);
  return res.json<SubmissionsPullResponse>();
};
const count = (table: string, where = '1') =>
  (server.app.ctx.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
const fresh = (over: Partial<Submission> = {}) => householdSubmission(enumerator.user.id, over);

describe('push and pull of submissions', () => {
  it('stores a new record, answers its state after the server checked it, and returns it on pull', async () => {
    const doc = fresh();
    const res = await push([{ assumedMasterState: null, newDocumentState: doc }]);
    expect(res.statusCode).toBe(200);
    const pending = { ...doc, status: 'pending_review', rev: 2, updatedAt: expect.any(Number) };
    expect(res.json()).toEqual([pending]);
    const pulled = await pull(0);
    expect(pulled.documents.find((d) => d.id === doc.id)).toEqual(pending);
  });

  it('answers a retried push whose response was lost with the same state, storing nothing new', async () => {
    const doc = fresh();
    const first = await push([{ assumedMasterState: null, newDocumentState: doc }]);
    const versions = count('submission_versions');
    const retry = await push([{ assumedMasterState: null, newDocumentState: doc }]);
    expect(retry.json()).toEqual(first.json());
    expect(count('submission_versions')).toBe(versions);
  });

  it('replaying a whole batch changes nothing and creates no version', async () => {
    const rows = [fresh(), fresh(), fresh()].map((d) => ({ assumedMasterState: null, newDocumentState: d }));
    expect((await push(rows)).statusCode).toBe(200);
    const versions = count('submission_versions');
    const seq = (await pull(0, 1000)).checkpoint.seq;
    const replay = await push(rows);
    expect(replay.statusCode).toBe(200);
    expect(replay.json<Submission[]>().map((d) => d.status)).toEqual(['pending_review', 'pending_review', 'pending_review']);
    expect(count('submission_versions')).toBe(versions);
    expect((await pull(seq)).documents).toEqual([]);
  });

  it('answers a stale assumed state with the master and keeps the refused version', async () => {
    const doc = fresh();
    const [master] = (await push([{ assumedMasterState: null, newDocumentState: doc }])).json<Submission[]>();
    // Device B still believes rev 1 is current.
    const other = { ...doc, rev: 2, data: { ...doc.data, respondent_name: 'Edited on device B' } };
    const res = await push([{ assumedMasterState: doc, newDocumentState: other }]);
    expect(res.json()).toEqual([master]);
    expect(count('submission_versions', `submission_id = '${doc.id}' AND accepted = 0`)).toBe(1);
  });

  it('answers a device setting server-owned fields with the master state', async () => {
    const doc = fresh();
    const [master] = (await push([{ assumedMasterState: null, newDocumentState: doc }])).json<Submission[]>();
    const res = await push([{ assumedMasterState: master, newDocumentState: { ...master!, rev: 3, status: 'approved' } }]);
    expect(res.json()).toEqual([master]);
    const created = await push([{ assumedMasterState: null, newDocumentState: fresh({ review: { by: 'x', at: '2026-11-24T08:00:00.000Z' } }) }]);
    expect(created.statusCode).toBe(400);
    expect(created.json().error.code).toBe('server-owned-field');
  });

  it('quarantines a record for an unknown form version while the rest of the batch is accepted', async () => {
    const good = fresh();
    const unknown = fresh({ formVersion: '1999.1' });
    const res = await push([
      { assumedMasterState: null, newDocumentState: good },
      { assumedMasterState: null, newDocumentState: unknown },
    ]);
    expect(res.statusCode).toBe(200);
    const answered = res.json<Submission[]>().find((d) => d.id === unknown.id);
    expect(answered).toMatchObject({ id: unknown.id, status: 'needs_correction', rev: 2, data: unknown.data });
    expect(answered!.errors[0]!.message).toMatch(/not published/);
    expect(server.app.ctx.submissions.getMaster(good.id)?.status).toBe('pending_review');
  });

  it('refuses rows of another user or an unassigned colline with 403 and stores nothing', async () => {
    const before = count('submissions');
    const supervisor = await server.login('supervisor');
    const res = await push([
      { assumedMasterState: null, newDocumentState: fresh() },
      { assumedMasterState: null, newDocumentState: householdSubmission(supervisor.user.id) },
    ]);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'out-of-scope', details: [{ index: 1, reason: 'belongs to another user' }] });
    const elsewhere = fresh({ meta: { ...fresh().meta, area: 'CL05010101' } });
    expect((await push([{ assumedMasterState: null, newDocumentState: elsewhere }])).statusCode).toBe(403);
    expect(count('submissions')).toBe(before);
  });

  it('refuses a malformed row with 400 and stores nothing of the batch', async () => {
    const before = count('submissions');
    const res = await push([
      { assumedMasterState: null, newDocumentState: fresh() },
      { assumedMasterState: null, newDocumentState: { ...fresh(), meta: { area: 'CL03010101' } } },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation-failed');
    expect((await push({ not: 'an array' })).statusCode).toBe(400);
    expect(count('submissions')).toBe(before);
  });

  it('answers 413 above 500 rows or 5 MB', async () => {
    const rows = Array.from({ length: 501 }, () => ({ assumedMasterState: null, newDocumentState: fresh() }));
    const tooMany = await push(rows);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.code).toBe('too-many-rows');
    const huge = fresh({ data: { note: 'x'.repeat(5 * 1024 * 1024) } });
    const tooBig = await push([{ assumedMasterState: null, newDocumentState: huge }]);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('payload-too-large');
  });

  it('pulls every change after any checkpoint, in order, with tombstones', async () => {
    const doc = fresh();
    const [master] = (await push([{ assumedMasterState: null, newDocumentState: doc }])).json<Submission[]>();
    const deleted = { ...master!, rev: 3, _deleted: true };
    expect((await push([{ assumedMasterState: master, newDocumentState: deleted }])).json()).toEqual([]);
    const all: Submission[] = [];
    const checkpoints: number[] = [];
    for (let seq = 0; ; ) {
      const page = await pull(seq, 2);
      if (page.documents.length === 0) break;
      all.push(...page.documents);
      checkpoints.push(page.checkpoint.seq);
      seq = page.checkpoint.seq;
    }
    expect(checkpoints).toEqual([...checkpoints].sort((a, b) => a - b));
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
    expect(all.find((d) => d.id === doc.id)).toEqual(deleted);
    expect(all.length).toBe(count('submissions', `enumerator_id = '${enumerator.user.id}'`));
  });

  it('pulls only the caller\'s own submissions', async () => {
    const supervisor = await server.login('supervisor');
    const page = await pull(0, 1000, supervisor.token);
    expect(page.documents.every((d) => d.meta.enumeratorId === supervisor.user.id)).toBe(true);
  });
});

describe('forms pull', () => {
  it('serves the three published programme forms to any logged-in user', async () => {
    const res = await server.as(enumerator.token, { method: 'GET', url: '/api/sync/forms/pull?seq=0' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.documents.map((d: { formId: string }) => d.formId).sort()).toEqual(['grievance', 'household_survey', 'indicator_report']);
    expect(body.documents.find((d: { formId: string }) => d.formId === 'household_survey')).toMatchObject({
      id: `household_survey@${SEEDED_HOUSEHOLD_VERSION}`,
      status: 'published',
      definition: { formId: 'household_survey', languages: ['fr', 'rn', 'en'] },
    });
    const after = await server.as(enumerator.token, { method: 'GET', url: `/api/sync/forms/pull?seq=${body.checkpoint.seq}` });
    expect(after.json().documents).toEqual([]);
  });
});

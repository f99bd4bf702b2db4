/**
 * The sync protocol of DESIGN.md §3, one group per rule, against a real server on a real SQLite file.
 * (Rule 2's crash half is in crash-recovery.test.ts: the server is killed with SIGKILL during pushes.)
 */
import type { LoginResponse, Submission, SubmissionsPullResponse } from '@kusanya/schemas';
import { REMAINING_HEADER } from '@kusanya/shared/sync/protocol';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeServerState } from '../src/usecases/sync/server-writes.js';
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
const versionsOf = (id: string) => server.app.ctx.submissions.versions(id);
const fresh = (over: Partial<Submission> = {}) => householdSubmission(enumerator.user.id, over);
const create = async (doc = fresh()) => {
  const [master] = (await push([{ assumedMasterState: null, newDocumentState: doc }])).json<Submission[]>();
  return master!;
};
/** A supervisor's decision, written through the server's own code path. */
const review = (id: string, status: Submission['status'], comment: string) =>
  writeServerState(server.app.ctx, id, {
    status,
    review: { by: 'supervisor', at: new Date().toISOString(), decision: 'return', comment },
  });

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
});

describe('rule 1 — idempotent', () => {
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
    expect(replay.json<Submission[]>().map((d) => d.status)).toEqual([
      'pending_review',
      'pending_review',
      'pending_review',
    ]);
    expect(count('submission_versions')).toBe(versions);
    expect((await pull(seq)).documents).toEqual([]);
  });

  it('a retried correction whose response was lost is not a conflict with itself', async () => {
    const master = await create();
    const returned = review(master.id, 'returned', 'Check the ages');
    const correction = {
      ...returned,
      status: 'submitted' as const,
      data: { ...returned.data, respondent_name: 'Corrected' },
    };
    const first = await push([{ assumedMasterState: returned, newDocumentState: correction }]);
    const retry = await push([{ assumedMasterState: returned, newDocumentState: correction }]);
    expect(retry.json()).toEqual(first.json());
    expect(retry.json<Submission[]>()[0]).toMatchObject({
      status: 'pending_review',
      data: { respondent_name: 'Corrected' },
    });
    expect(versionsOf(master.id).filter((v) => !v.accepted)).toEqual([]);
  });

  it('a retried push that was refused as a conflict gets the same answer and stores nothing more', async () => {
    const doc = fresh();
    const master = await create(doc);
    const stale = [
      { assumedMasterState: doc, newDocumentState: { ...doc, data: { ...doc.data, respondent_name: 'Stale' } } },
    ];
    const first = await push(stale);
    const versions = count('submission_versions');
    const retry = await push(stale);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(retry.json()).toEqual([master]);
    expect(count('submission_versions')).toBe(versions);
  });
});

describe('rule 2 — durable acknowledgement', () => {
  it('commits to a WAL database with synchronous=FULL', () => {
    expect(server.app.ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(server.app.ctx.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('stores a batch as a whole or not at all: a refused row late in the batch leaves no earlier row behind', async () => {
    const before = count('submissions');
    const versions = count('submission_versions');
    const good = [fresh(), fresh()];
    const res = await push([
      ...good.map((d) => ({ assumedMasterState: null, newDocumentState: d })),
      { assumedMasterState: null, newDocumentState: fresh({ status: 'approved' }) },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'server-owned-field', details: [{ index: 2 }] });
    expect(count('submissions')).toBe(before);
    expect(count('submission_versions')).toBe(versions);
  });
});

describe('rule 3 — conflicts', () => {
  it('answers a stale assumed state with the master and keeps the refused version', async () => {
    const doc = fresh();
    const master = await create(doc);
    // Device B still believes rev 1 is current.
    const other = { ...doc, rev: 2, data: { ...doc.data, respondent_name: 'Edited on device B' } };
    const res = await push([{ assumedMasterState: doc, newDocumentState: other }]);
    expect(res.json()).toEqual([master]);
    expect(count('submission_versions', `submission_id = '${doc.id}' AND accepted = 0`)).toBe(1);
  });

  it('out-of-order pushes: a delayed copy of an older push arriving after a newer write changes nothing', async () => {
    const doc = fresh();
    const created = await create(doc);
    const returned = review(doc.id, 'returned', 'Add the second member');
    const correction = {
      ...returned,
      status: 'submitted' as const,
      data: { ...returned.data, respondent_name: 'Second version' },
    };
    const [afterCorrection] = (await push([{ assumedMasterState: returned, newDocumentState: correction }])).json<
      Submission[]
    >();
    const seq = (await pull(0, 1000)).checkpoint.seq;
    const versions = versionsOf(doc.id).length;

    // The network delivers the first push (the creation) again, after the correction.
    const late = await push([{ assumedMasterState: null, newDocumentState: doc }]);
    expect(late.json()).toEqual([afterCorrection]);
    // And a push based on a revision older than the current one is a conflict, not a write.
    const stale = {
      ...created,
      status: 'submitted' as const,
      data: { ...created.data, respondent_name: 'Based on rev 2' },
    };
    const conflict = await push([{ assumedMasterState: created, newDocumentState: stale }]);
    expect(conflict.json()).toEqual([afterCorrection]);

    expect(server.app.ctx.submissions.getMaster(doc.id)).toEqual(afterCorrection);
    expect(versionsOf(doc.id)).toHaveLength(versions + 1);
    expect(versionsOf(doc.id).at(-1)).toMatchObject({
      accepted: false,
      doc: { data: { respondent_name: 'Based on rev 2' } },
    });
    expect((await pull(seq)).documents).toEqual([]);
  });

  it('keeps every version received: the creation, the server check, the review, the correction and refused edits', async () => {
    const doc = fresh();
    const created = await create(doc);
    const returned = review(doc.id, 'returned', 'Wrong colline');
    const correction = {
      ...returned,
      status: 'submitted' as const,
      data: { ...returned.data, respondent_name: 'Fixed' },
    };
    await push([{ assumedMasterState: returned, newDocumentState: correction }]);
    await push([
      {
        assumedMasterState: created,
        newDocumentState: { ...created, data: { ...created.data, respondent_name: 'Late edit' } },
      },
    ]);
    expect(versionsOf(doc.id).map((v) => [v.source, v.accepted, v.doc.status, v.doc.data['respondent_name']])).toEqual([
      ['device', true, 'submitted', doc.data['respondent_name']],
      ['server', true, 'pending_review', doc.data['respondent_name']],
      ['server', true, 'returned', doc.data['respondent_name']],
      ['device', true, 'submitted', 'Fixed'],
      ['server', true, 'pending_review', 'Fixed'],
      ['device', false, 'pending_review', 'Late edit'],
    ]);
  });
});

describe('rule 4 — server-owned fields', () => {
  it('answers a device setting server-owned fields with the master state', async () => {
    const doc = fresh();
    const master = await create(doc);
    const res = await push([
      { assumedMasterState: master, newDocumentState: { ...master, rev: 3, status: 'approved' } },
    ]);
    expect(res.json()).toEqual([master]);
    const forged = { by: 'x', at: '2026-11-24T08:00:00.000Z' };
    const reviewed = await push([{ assumedMasterState: master, newDocumentState: { ...master, review: forged } }]);
    expect(reviewed.json()).toEqual([master]);
    const created = await push([{ assumedMasterState: null, newDocumentState: fresh({ review: forged }) }]);
    expect(created.statusCode).toBe(400);
    expect(created.json().error.code).toBe('server-owned-field');
    expect(server.app.ctx.submissions.getMaster(doc.id)).toEqual(master);
  });

  it('lets a device resubmit a returned record as "submitted", keeping the review it came back with', async () => {
    const doc = fresh();
    await create(doc);
    const returned = review(doc.id, 'returned', 'Check the ages');
    const [answer] = (
      await push([{ assumedMasterState: returned, newDocumentState: { ...returned, status: 'submitted' } }])
    ).json<Submission[]>();
    expect(answer).toMatchObject({ status: 'pending_review', rev: returned.rev + 2, review: returned.review });
  });
});

describe('rule 5 — invalid content is quarantined, not blocking', () => {
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
    expect(versionsOf(unknown.id)[0]).toMatchObject({ source: 'device', accepted: true, doc: unknown });
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
    const notJson = await server.as(enumerator.token, {
      method: 'POST',
      url: '/api/sync/submissions/push',
      headers: { 'content-type': 'application/json' },
      payload: '[{"assumedMasterState": nul',
    });
    expect(notJson.json().error.code).toBe('invalid-json');
    const notGzip = await server.as(enumerator.token, {
      method: 'POST',
      url: '/api/sync/submissions/push',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: '[]',
    });
    expect(notGzip.statusCode).toBe(400);
    expect(count('submissions')).toBe(before);
  });
});

describe('rule 6 — scope', () => {
  it('refuses rows of another user with 403 and stores nothing', async () => {
    const before = count('submissions');
    const supervisor = await server.login('supervisor');
    const res = await push([
      { assumedMasterState: null, newDocumentState: fresh() },
      { assumedMasterState: null, newDocumentState: householdSubmission(supervisor.user.id) },
    ]);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'out-of-scope',
      details: [{ index: 1, reason: 'belongs to another user' }],
    });
    expect(count('submissions')).toBe(before);
  });

  it('refuses a record id that already belongs to another user, whatever the row claims', async () => {
    const supervisor = await server.login('supervisor');
    const theirs = householdSubmission(supervisor.user.id, {
      meta: { ...fresh().meta, enumeratorId: supervisor.user.id, area: 'CL03010201' },
    });
    expect((await push([{ assumedMasterState: null, newDocumentState: theirs }], supervisor.token)).statusCode).toBe(
      200,
    );
    const hijack = { ...theirs, meta: { ...theirs.meta, enumeratorId: enumerator.user.id, area: 'CL03010101' } };
    const res = await push([{ assumedMasterState: null, newDocumentState: hijack }]);
    expect(res.statusCode).toBe(403);
    expect(server.app.ctx.submissions.getMaster(theirs.id)?.meta.enumeratorId).toBe(supervisor.user.id);
  });

  it("pulls only the caller's own submissions", async () => {
    const supervisor = await server.login('supervisor');
    const page = await pull(0, 1000, supervisor.token);
    expect(page.documents.length).toBeGreaterThan(0);
    expect(page.documents.every((d) => d.meta.enumeratorId === supervisor.user.id)).toBe(true);
  });
});

describe('rule 7 — checkpoints are server sequence numbers', () => {
  it('pulls every change after any checkpoint, in order, with tombstones', async () => {
    const doc = fresh();
    const master = await create(doc);
    const deleted = { ...master, rev: 3, _deleted: true };
    expect((await push([{ assumedMasterState: master, newDocumentState: deleted }])).json()).toEqual([]);
    const all: Submission[] = [];
    const checkpoints: number[] = [];
    for (let seq = 0; ;) {
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

  it('from every checkpoint, returns exactly the changes committed after it and says how many remain', async () => {
    const own = server.app.ctx.db
      .prepare('SELECT seq, id FROM submissions WHERE enumerator_id = ? ORDER BY seq')
      .all(enumerator.user.id) as { seq: number; id: string }[];
    for (const [i, { seq }] of [{ seq: 0, id: '' }, ...own].entries()) {
      const res = await server.as(enumerator.token, {
        method: 'GET',
        url: `/api/sync/submissions/pull?seq=${seq}&limit=3`,
      });
      const page = res.json<SubmissionsPullResponse>();
      expect(page.documents.map((d) => d.id)).toEqual(own.slice(i, i + 3).map((r) => r.id));
      expect(Number(res.headers[REMAINING_HEADER])).toBe(Math.max(0, own.length - i - 3));
    }
  });
});

describe('rule 8 — limits', () => {
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

  it('counts the limit on the decompressed body: a small gzip that inflates past 5 MB gets 413', async () => {
    const before = count('submissions');
    const huge = fresh({ data: { note: 'x'.repeat(6 * 1024 * 1024) } });
    const body = gzipSync(JSON.stringify([{ assumedMasterState: null, newDocumentState: huge }]));
    expect(body.length).toBeLessThan(100_000);
    const res = await server.as(enumerator.token, {
      method: 'POST',
      url: '/api/sync/submissions/push',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: body,
    });
    expect(res.statusCode).toBe(413);
    expect(count('submissions')).toBe(before);
  });

  it('accepts a gzip-compressed push and compresses its answer', async () => {
    const doc = fresh();
    const res = await server.as(enumerator.token, {
      method: 'POST',
      url: '/api/sync/submissions/push',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'accept-encoding': 'gzip' },
      payload: gzipSync(
        JSON.stringify(
          Array.from({ length: 20 }, () => ({ assumedMasterState: null, newDocumentState: fresh() })).concat([
            { assumedMasterState: null, newDocumentState: doc },
          ]),
        ),
      ),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(server.app.ctx.submissions.getMaster(doc.id)?.status).toBe('pending_review');
  });
});

describe('checkpoints in the query string', () => {
  it('are numbers written in digits: a blank, hexadecimal or exponent checkpoint gets 400, not the first page', async () => {
    for (const seq of ['%20', '0x10', '1e3', '', '-']) {
      for (const collection of ['submissions', 'forms']) {
        const res = await server.as(enumerator.token, {
          method: 'GET',
          url: `/api/sync/${collection}/pull?seq=${seq}&limit=10`,
        });
        expect(res.statusCode, `${collection} seq=${seq}`).toBe(400);
        expect(res.json().error.code).toBe('validation-failed');
      }
    }
    expect(
      (await server.as(enumerator.token, { method: 'GET', url: '/api/sync/forms/pull?seq=0&limit=10' })).statusCode,
    ).toBe(200);
  });
});

describe('forms pull', () => {
  it('serves the three published programme forms to any logged-in user', async () => {
    const res = await server.as(enumerator.token, { method: 'GET', url: '/api/sync/forms/pull?seq=0' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.documents.map((d: { formId: string }) => d.formId).sort()).toEqual([
      'grievance',
      'household_survey',
      'indicator_report',
    ]);
    expect(body.documents.find((d: { formId: string }) => d.formId === 'household_survey')).toMatchObject({
      id: `household_survey@${SEEDED_HOUSEHOLD_VERSION}`,
      status: 'published',
      definition: { formId: 'household_survey', languages: ['fr', 'rn', 'en'] },
    });
    const after = await server.as(enumerator.token, {
      method: 'GET',
      url: `/api/sync/forms/pull?seq=${body.checkpoint.seq}`,
    });
    expect(after.json().documents).toEqual([]);
  });
});

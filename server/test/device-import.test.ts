/** The rescue path: a device export file imported on the server through the push logic (route and CLI). */
import type { DeviceImportReport, LoginResponse, Submission } from '@kusanya/schemas';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeServerState } from '../src/usecases/sync/server-writes.js';
import { deviceExportFile, householdSubmission, startTestServer, type TestServer } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: TestServer;
let enumerator: LoginResponse;
let admin: LoginResponse;

beforeAll(async () => {
  server = await startTestServer();
  enumerator = await server.login('enumerator');
  admin = await server.login('admin');
});
afterAll(() => server.close());

const owner = () => ({ id: enumerator.user.id, username: 'enumerator' });
const fresh = (over: Partial<Submission> = {}) => householdSubmission(enumerator.user.id, over);
const push = async (doc: Submission, assumed: Submission | null = null) =>
  (
    await server.as(enumerator.token, {
      method: 'POST',
      url: '/api/sync/submissions/push',
      payload: [{ assumedMasterState: assumed, newDocumentState: doc }],
    })
  ).json<Submission[]>()[0]!;
const importFile = (file: unknown, token = admin.token) =>
  server.as(token, { method: 'POST', url: '/api/sync/device-exports', payload: file as object });
const count = (sql: string) => (server.app.ctx.db.prepare(sql).get() as { n: number }).n;

describe('importing a device export', () => {
  it('imports what is new, recognises what is already there, reports conflicts, keeps an unassigned colline for its author', async () => {
    const brandNew = [fresh(), fresh()];
    const alreadySent = fresh();
    await push(alreadySent);
    const returnedOne = fresh();
    const master = await push(returnedOne);
    const returned = writeServerState(server.app.ctx, master.id, {
      status: 'returned',
      review: { by: 'sup', at: '2026-11-25T10:00:00.000Z', comment: 'Fix the ages' },
    });
    const correction = {
      ...returned,
      status: 'submitted' as const,
      data: { ...returned.data, respondent_name: 'Corrected offline' },
    };
    const edited = fresh();
    const editedMaster = await push(edited);
    // The device edited rev 2 while the server moved on to rev 3.
    writeServerState(server.app.ctx, edited.id, {
      status: 'returned',
      review: { by: 'sup', at: '2026-11-25T10:00:00.000Z', comment: 'Again' },
    });
    const staleEdit = {
      ...editedMaster,
      status: 'submitted' as const,
      data: { ...editedMaster.data, respondent_name: 'Stale edit' },
    };
    const elsewhere = fresh({ meta: { ...fresh().meta, area: 'CL05010101' } });

    const file = deviceExportFile(owner(), [
      ...brandNew.map((doc) => ({ assumedRev: null, doc })),
      { assumedRev: null, doc: alreadySent },
      { assumedRev: returned.rev, doc: correction },
      { assumedRev: editedMaster.rev, doc: staleEdit },
      { assumedRev: null, doc: elsewhere },
    ]);
    const res = await importFile(file);
    expect(res.statusCode).toBe(200);
    const report = res.json<DeviceImportReport>();
    expect(report.counts).toEqual({ total: 6, new: 4, alreadyThere: 1, conflict: 1, refused: 0 });
    expect(report.records.map((r) => r.result)).toEqual(['new', 'new', 'already-there', 'new', 'conflict', 'new']);
    expect(report.records[3]).toMatchObject({ status: 'pending_review' });
    // A colline outside the author's areas is a field mistake (DESIGN §3 rule 6), as in a push: kept for its author.
    expect(report.records[5]).toMatchObject({ status: 'needs_correction' });

    expect(server.app.ctx.submissions.getMaster(brandNew[0]!.id)?.status).toBe('pending_review');
    expect(server.app.ctx.submissions.getMaster(correction.id)?.data['respondent_name']).toBe('Corrected offline');
    expect(server.app.ctx.submissions.getMaster(elsewhere.id)?.errors).toMatchObject([{ code: 'area-not-assigned' }]);
    // The refused edit is kept as a version: nothing the enumerator typed is lost.
    expect(
      server.app.ctx.submissions
        .versions(staleEdit.id)
        .some((v) => !v.accepted && v.doc.data['respondent_name'] === 'Stale edit'),
    ).toBe(true);
    // The import is logged with its report, by whom.
    expect(server.app.ctx.deviceImports.recent(1)[0]).toMatchObject({ importedBy: admin.user.id, report });

    // Importing the same file again stores nothing new.
    const submissions = count('SELECT count(*) AS n FROM submissions');
    const versions = count('SELECT count(*) AS n FROM submission_versions');
    const again = (await importFile(file)).json<DeviceImportReport>();
    expect(again.counts).toEqual({ total: 6, new: 0, alreadyThere: 5, conflict: 1, refused: 0 });
    expect(count('SELECT count(*) AS n FROM submissions')).toBe(submissions);
    expect(count('SELECT count(*) AS n FROM submission_versions')).toBe(versions);
  });

  it('refuses a damaged or altered file and imports nothing', async () => {
    const file = deviceExportFile(owner(), [{ assumedRev: null, doc: fresh() }]);
    const altered = {
      ...file,
      records: [{ assumedRev: null, doc: { ...file.records[0]!.doc, data: { respondent_name: 'Changed by hand' } } }],
    };
    const res = await importFile(altered);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('checksum-mismatch');
    expect(server.app.ctx.submissions.getMaster(file.records[0]!.doc.id)).toBeNull();
    const notAnExport = await importFile({ hello: 'world' });
    expect(notAnExport.json().error.code).toBe('validation-failed');
  });

  it('refuses records that claim another user, and files of users unknown here', async () => {
    const supervisor = await server.login('supervisor');
    const file = deviceExportFile(owner(), [{ assumedRev: null, doc: householdSubmission(supervisor.user.id) }]);
    const report = (await importFile(file)).json<DeviceImportReport>();
    expect(report.records[0]).toMatchObject({ result: 'refused', reason: 'belongs to another user' });
    const stranger = deviceExportFile({ id: '0193a1b2-0000-7000-8000-000000000000', username: 'ghost' }, []);
    const res = await importFile(stranger);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toMatch(/ghost/);
  });

  it('is for administrators only', async () => {
    const res = await importFile(deviceExportFile(owner(), [{ assumedRev: null, doc: fresh() }]), enumerator.token);
    expect(res.statusCode).toBe(403);
  });

  it('works from the shell: npm run cli -- import-device-export FILE', async () => {
    const doc = fresh();
    const path = join(server.dataDir, 'export.json');
    writeFileSync(path, JSON.stringify(deviceExportFile(owner(), [{ assumedRev: null, doc }])));
    const run = () =>
      promisify(execFile)(
        join(root, 'node_modules/.bin/tsx'),
        [join(root, 'server/src/cli/main.ts'), 'import-device-export', path],
        {
          env: { ...process.env, DATA_DIR: server.dataDir },
        },
      );
    const first = await run();
    expect(first.stdout).toMatch(/new: 1\s+already there: 0\s+in conflict: 0\s+refused: 0/);
    expect(server.app.ctx.submissions.getMaster(doc.id)?.status).toBe('pending_review');
    expect((await run()).stdout).toMatch(/new: 0\s+already there: 1/);
  });
});

/**
 * The rescue path with media (issue 15): a tablet that cannot sync exports its unsent records with their photos in
 * the device export file; an administrator imports it and the photos are stored as if the tablet had sent them —
 * checked against their hashes, once, read under the record's policy afterwards.
 */
import type { AdminDevice, DeviceExport, DeviceImportReport, LoginResponse, Submission } from '@kusanya/schemas';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceExportFile, householdSubmission, startTestServer, type TestServer } from './helpers.js';
import { jpegLike, refOf, withMedia } from './media/media-helpers.js';

let server: TestServer;
let enumerator: LoginResponse;
let admin: LoginResponse;
let supervisor: LoginResponse;

beforeAll(async () => {
  server = await startTestServer();
  enumerator = await server.login('enumerator');
  admin = await server.login('admin');
  supervisor = await server.login('supervisor');
});
afterAll(() => server.close());

const owner = () => ({ id: enumerator.user.id, username: enumerator.user.username });
const carried = (doc: Submission, name: string, bytes: Buffer) => ({
  submissionId: doc.id,
  ...refOf(name, bytes),
  base64: bytes.toString('base64'),
});
const importFile = async (file: DeviceExport) => {
  const res = await server.as(admin.token, { method: 'POST', url: '/api/sync/device-exports', payload: file });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DeviceImportReport>();
};
/** The import's report as the server keeps it (the log of rescue-file imports). */
const storedReport = (importId: string) =>
  server.app.ctx.deviceImports.recent(50).find((r) => r.report.importId === importId)?.report;
const blobPath = (sha: string) => join(server.dataDir, 'media', 'blobs', sha.slice(0, 2), sha);

describe('a rescue file carries the photos of its records', () => {
  it('stores them on import, once, and the supervisor sees them as if the tablet had sent them', async () => {
    const front = jpegLike(120_000);
    const back = jpegLike(90_000);
    const doc = withMedia(householdSubmission(enumerator.user.id), {
      id_front: refOf('id_front-r.jpg', front),
      id_back: refOf('id_back-r.jpg', back),
    });
    const file = deviceExportFile(owner(), [{ assumedRev: null, doc }], {
      media: [carried(doc, 'id_front-r.jpg', front), carried(doc, 'id_back-r.jpg', back)],
    });

    const first = await importFile(file);
    expect(first.counts.new).toBe(1);
    expect(first.media).toEqual({ stored: 2, alreadyThere: 0, refused: [] });
    // The kept report says what became of the photos, as the answer did.
    expect(storedReport(first.importId)).toEqual(first);
    expect(existsSync(blobPath(refOf('a', front).sha256))).toBe(true);
    const state = await server.as(supervisor.token, { method: 'GET', url: `/api/media/records/${doc.id}` });
    expect(state.json()).toMatchObject({ missing: 0 });
    const photo = await server.as(supervisor.token, {
      method: 'GET',
      url: `/api/media/records/${doc.id}/files/id_front-r.jpg`,
    });
    expect(photo.statusCode).toBe(200);
    expect(Buffer.compare(photo.rawPayload, front)).toBe(0);

    // Imported again (the administrator was not sure it went): nothing is stored twice.
    const again = await importFile(file);
    expect(again.counts.alreadyThere).toBe(1);
    expect(again.media).toEqual({ stored: 0, alreadyThere: 2, refused: [] });
    expect(storedReport(again.importId)?.media).toEqual({ stored: 0, alreadyThere: 2, refused: [] });
    const receipts = server.app.ctx.db
      .prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'media.receive' AND target = ?`)
      .get(doc.id) as { n: number };
    expect(receipts.n).toBe(2);
  });

  it('refuses a medium whose bytes do not match its hash, or that its record does not reference, and keeps nothing of it', async () => {
    const photo = jpegLike(50_000);
    const stranger = jpegLike(40_000);
    const doc = withMedia(householdSubmission(enumerator.user.id), { id_front: refOf('id_front-x.jpg', photo) });
    const damaged = { ...carried(doc, 'id_front-x.jpg', photo), base64: jpegLike(50_000).toString('base64') };
    const unreferenced = carried(doc, 'other.jpg', stranger);
    const report = await importFile(
      deviceExportFile(owner(), [{ assumedRev: null, doc }], {
        media: [damaged, unreferenced],
      }),
    );
    expect(report.counts.new).toBe(1);
    expect(report.media?.stored).toBe(0);
    expect(report.media?.refused.map((r) => r.name).sort()).toEqual(['id_front-x.jpg', 'other.jpg']);
    expect(report.media?.refused.find((r) => r.name === 'id_front-x.jpg')?.reason).toMatch(/does not match/);
    expect(storedReport(report.importId)?.media).toEqual(report.media);
    expect(existsSync(blobPath(refOf('a', photo).sha256))).toBe(false);
    expect(existsSync(blobPath(refOf('a', stranger).sha256))).toBe(false);
    const state = await server.as(enumerator.token, { method: 'GET', url: `/api/media/records/${doc.id}` });
    // The record is in; its photo still waits for the tablet (or a good file).
    expect(state.json()).toMatchObject({ missing: 1 });
  });

  it("shows in the devices view what the tablet's last rescue file brought: its records and its photos", async () => {
    // The tablet logged in once (so the office knows it), then never managed to sync.
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'enumerator', password: 'kusanya-demo', deviceId: 'tablet-rescue-7' },
    });
    expect(login.statusCode).toBe(200);
    const photo = jpegLike(30_000);
    const doc = withMedia(householdSubmission(enumerator.user.id), { id_front: refOf('id_front-7.jpg', photo) });
    const report = await importFile(
      deviceExportFile(owner(), [{ assumedRev: null, doc }], {
        deviceId: 'tablet-rescue-7',
        media: [carried(doc, 'id_front-7.jpg', photo), carried(doc, 'stray.jpg', jpegLike(20_000))],
      }),
    );
    expect(report.media).toMatchObject({ stored: 1, alreadyThere: 0 });

    const res = await server.as(admin.token, { method: 'GET', url: '/api/admin/devices' });
    expect(res.statusCode).toBe(200);
    const device = res.json<{ devices: AdminDevice[] }>().devices.find((d) => d.deviceId === 'tablet-rescue-7');
    expect(device?.lastImport).toEqual({
      importedAt: expect.any(String),
      records: 1,
      newRecords: 1,
      media: { stored: 1, alreadyThere: 0, refused: 1 },
    });
  });
});

/**
 * Media of records (issue 15) against a real server listening on 127.0.0.1, a real SQLite file and the real
 * data directory: tus uploads with tus-js-client (as the tablet sends them), the content-addressed store, the
 * hash check on arrival, limits, the record's read policy, audited downloads, and approval waiting for media.
 */
import type { LoginResponse, RecordMedia, Submission } from '@kusanya/schemas';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeServerState } from '../src/usecases/sync/server-writes.js';
import { householdSubmission, startTestServer, type TestServer } from './helpers.js';
import { jpegLike, refOf, sha256, tusUpload, unzip, withMedia } from './media/media-helpers.js';

let server: TestServer;
let base: string;
let enumerator: LoginResponse;
let supervisor: LoginResponse;

beforeAll(async () => {
  server = await startTestServer({ mediaFileMb: 2, mediaRecordMb: 3 });
  base = await server.app.listen({ host: '127.0.0.1', port: 0 });
  enumerator = await server.login('enumerator');
  supervisor = await server.login('supervisor');
});
afterAll(() => server.close());

const push = async (doc: Submission, token = enumerator.token) => {
  const res = await server.as(token, {
    method: 'POST',
    url: '/api/sync/submissions/push',
    payload: [{ assumedMasterState: null, newDocumentState: doc }],
  });
  expect(res.statusCode).toBe(200);
  return server.app.ctx.submissions.getMaster(doc.id)!;
};
const state = async (id: string, token = enumerator.token) => {
  const res = await server.as(token, { method: 'GET', url: `/api/media/records/${id}` });
  return { status: res.statusCode, body: res.json<RecordMedia>() };
};
const download = (id: string, name: string, token = supervisor.token) =>
  server.as(token, { method: 'GET', url: `/api/media/records/${id}/files/${encodeURIComponent(name)}` });
const blobPath = (sha: string) => join(server.dataDir, 'media', 'blobs', sha.slice(0, 2), sha);
const uploadsLeft = () =>
  readdirSync(join(server.dataDir, 'media', 'uploads')).filter((f) => !f.endsWith('.json') && !f.startsWith('.'));

/** A household record with two photos referenced by their answers. */
async function recordWithPhotos(front = jpegLike(300_000), back = jpegLike(200_000)) {
  const doc = withMedia(householdSubmission(enumerator.user.id), {
    id_front: refOf('id_front-1.jpg', front),
    id_back: refOf('id_back-1.jpg', back),
  });
  await push(doc);
  return { doc, front, back };
}

describe('a record references its media; the media upload separately, resumably, once', () => {
  it('lists what a record references and what has arrived; an upload stores the file by its hash', async () => {
    const { doc, front, back } = await recordWithPhotos();
    const before = await state(doc.id);
    expect(before.status).toBe(200);
    expect(before.body.missing).toBe(2);
    expect(before.body.files.map((f) => [f.name, f.field, f.received])).toEqual([
      ['id_front-1.jpg', 'id_front', false],
      ['id_back-1.jpg', 'id_back', false],
    ]);

    expect((await tusUpload(base, enumerator.token, doc.id, front)).ok).toBe(true);
    expect(readFileSync(blobPath(sha256(front))).equals(front)).toBe(true);
    const after = await state(doc.id);
    expect(after.body.missing).toBe(1);
    expect(after.body.files.find((f) => f.name === 'id_front-1.jpg')).toMatchObject({
      received: true,
      servedAs: 'image/jpeg',
    });
    expect((await tusUpload(base, enumerator.token, doc.id, back)).ok).toBe(true);
    expect((await state(doc.id)).body.missing).toBe(0);
    // The partial files of finished uploads are gone: only the blob store holds them.
    expect(uploadsLeft()).toEqual([]);
  });

  it('never takes a file it already holds again (idempotent by hash), even for another record', async () => {
    const photo = jpegLike(100_000);
    const first = await recordWithPhotos(photo);
    expect((await tusUpload(base, enumerator.token, first.doc.id, photo)).ok).toBe(true);
    const again = await tusUpload(base, enumerator.token, first.doc.id, photo);
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect(JSON.parse(again.body!).error.code).toBe('already-exists');

    // A second record with the same photo: it has arrived already, nothing is sent.
    const second = await recordWithPhotos(photo);
    const seen = await state(second.doc.id);
    expect(seen.body.files.find((f) => f.sha256 === sha256(photo))?.received).toBe(true);
    const blobs = server.app.ctx.db
      .prepare('SELECT count(*) AS n FROM media_blobs WHERE sha256 = ?')
      .get(sha256(photo));
    expect(blobs).toEqual({ n: 1 });
  });

  it('resumes an interrupted upload from the last byte the server acknowledged', async () => {
    const big = jpegLike(1_500_000);
    const { doc } = await recordWithPhotos(big);
    let sentBeforeCut = 0;
    const cut = await new Promise<string>((resolve) => {
      void tusUpload(base, enumerator.token, doc.id, big, {
        chunkSize: 256 * 1024,
        onChunk: (sent, upload) => {
          if (sent >= 700_000 && !sentBeforeCut) {
            sentBeforeCut = sent;
            void upload.abort().then(() => resolve(upload.url!));
          }
        },
      });
    });
    const head = await fetch(`${base}${new URL(cut, base).pathname}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${enumerator.token}`, 'tus-resumable': '1.0.0' },
    });
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBe(sentBeforeCut);
    expect((await state(doc.id)).body.files[0]!.received).toBe(false);

    let resentFrom = -1;
    const resumed = await tusUpload(base, enumerator.token, doc.id, big, {
      uploadUrl: cut,
      onChunk: (sent) => (resentFrom = resentFrom < 0 ? sent : resentFrom),
    });
    expect(resumed.ok).toBe(true);
    // The first chunk after resuming ends one chunk past the acknowledged offset: nothing was sent twice.
    expect(resentFrom).toBe(Math.min(offset + 256 * 1024, big.length));
    expect(readFileSync(blobPath(sha256(big))).equals(big)).toBe(true);
  });
});

describe('bad input: refused with a clear message, nothing half-stored', () => {
  it('refuses bytes that do not match the hash the record names, and keeps nothing of them', async () => {
    const promised = jpegLike(50_000);
    const { doc } = await recordWithPhotos(promised);
    const other = jpegLike(50_000);
    // The upload claims the promised hash but brings other bytes of the same size.
    const res = await tusUpload(base, enumerator.token, doc.id, other, { claim: sha256(promised) });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body!).error).toMatchObject({ code: 'checksum-mismatch' });
    expect(existsSync(blobPath(sha256(promised)))).toBe(false);
    expect(existsSync(blobPath(sha256(other)))).toBe(false);
    expect((await state(doc.id)).body.missing).toBe(2);
    expect(uploadsLeft()).toEqual([]);
  });

  it('refuses a file over the per-file limit and a record over the per-record limit', async () => {
    const huge = jpegLike(2 * 1024 * 1024 + 1);
    const { doc } = await recordWithPhotos(huge);
    const res = await tusUpload(base, enumerator.token, doc.id, huge);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body!).error.message).toMatch(/one file may be at most 2 MB/);

    const parts = [jpegLike(1_800_000), jpegLike(1_800_000)];
    const whole = await recordWithPhotos(parts[0], parts[1]);
    const over = await tusUpload(base, enumerator.token, whole.doc.id, parts[0]!);
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body!).error.message).toMatch(/one record may carry at most 3 MB/);
  });

  it('takes no file for a record that is not on the server, nor from another user', async () => {
    const photo = jpegLike(10_000);
    const unsent = withMedia(householdSubmission(enumerator.user.id), { id_front: refOf('a.jpg', photo) });
    const early = await tusUpload(base, enumerator.token, unsent.id, photo);
    expect(early.status).toBe(404);
    expect(JSON.parse(early.body!).error.message).toMatch(/send the record first/);

    await push(unsent);
    const stranger = await tusUpload(base, supervisor.token, unsent.id, photo);
    expect(stranger.status).toBe(403);
  });

  it('never lets a device-given name reach the file system, and never serves HTML as a page', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const doc = withMedia(householdSubmission(enumerator.user.id), {
      id_front: refOf('x%2f..%2f..%2fevil.html.jpg', html),
    });
    // A name with a slash is not a media reference at all: the answer stays an unknown object, no file expected.
    const slashed = withMedia(householdSubmission(enumerator.user.id), {
      id_front: refOf('../../etc/passwd', html),
    });
    await push(slashed);
    expect((await state(slashed.id)).body.files).toEqual([]);

    await push(doc);
    expect((await tusUpload(base, enumerator.token, doc.id, html)).ok).toBe(true);
    const res = await download(doc.id, 'x%2f..%2f..%2fevil.html.jpg');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(readdirSync(join(server.dataDir, 'media', 'blobs', sha256(html).slice(0, 2)))).toEqual([sha256(html)]);
  });
});

describe('reading media under the record policy', () => {
  it('shows a photo to the supervisor of its area, inline as an image, and audits the download', async () => {
    const { doc, front } = await recordWithPhotos();
    await tusUpload(base, enumerator.token, doc.id, front);
    const res = await download(doc.id, 'id_front-1.jpg');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['content-disposition']).toMatch(/^inline/);
    expect(res.rawPayload.equals(front)).toBe(true);
    const entries = server.app.ctx.audit.find({ action: 'media.download' }, 10);
    expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ target: doc.id, actor: 'supervisor' })]));
    // Not arrived yet: a clear 404, not an empty image.
    const missing = await download(doc.id, 'id_back-1.jpg');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/not arrived/);
  });

  it('hides a SENSITIVE grievance photo from the supervisor, and shows it to the grievance officer', async () => {
    const photo = jpegLike(20_000);
    const grievance = withMedia(householdSubmission(enumerator.user.id, { formId: 'grievance', formVersion: '1' }), {
      photo: refOf('statement.jpg', photo),
    });
    const sensitive = { ...grievance, data: { ...grievance.data, category: 'VIOLENCE_GBV' } };
    await push(sensitive);
    await tusUpload(base, enumerator.token, sensitive.id, photo);
    const officer = await server.login('grievance');
    expect((await download(sensitive.id, 'statement.jpg', supervisor.token)).statusCode).toBe(404);
    expect((await state(sensitive.id, supervisor.token)).status).toBe(404);
    expect((await download(sensitive.id, 'statement.jpg', officer.token)).statusCode).toBe(200);
  });
});

describe('export', () => {
  it('gives HQ a ZIP of the media of the records it reads, one folder per record, with a list of files', async () => {
    const { doc, front } = await recordWithPhotos();
    await tusUpload(base, enumerator.token, doc.id, front);
    const hq = await server.login('hq');
    const res = await server.as(hq.token, { method: 'GET', url: '/api/media/export.zip?form=household_survey' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const entries = await unzip(res.rawPayload);
    expect(entries.get(`household_survey/${doc.id}/id_front-1.jpg`)?.equals(front)).toBe(true);
    // The back photo has not arrived: not in the ZIP, and nothing else of this record is.
    expect([...entries.keys()].filter((k) => k.includes(doc.id))).toEqual([
      `household_survey/${doc.id}/id_front-1.jpg`,
    ]);
    const list = entries.get('media.csv')!.toString('utf8');
    expect(list).toContain(`${doc.id},household_survey,id_front,id_front-1.jpg`);
    expect(list).toContain(sha256(front));
  });

  it('leaves out the media of records the caller may not read (SENSITIVE grievances for HQ)', async () => {
    const photo = jpegLike(5_000);
    const doc = withMedia(householdSubmission(enumerator.user.id, { formId: 'grievance', formVersion: '1' }), {
      photo: refOf('s.jpg', photo),
    });
    await push({ ...doc, data: { ...doc.data, category: 'CORRUPTION' } });
    await tusUpload(base, enumerator.token, doc.id, photo);
    const hq = await server.login('hq');
    const res = await server.as(hq.token, { method: 'GET', url: '/api/media/export.zip' });
    const entries = await unzip(res.rawPayload);
    expect([...entries.keys()].some((k) => k.includes(doc.id))).toBe(false);
  });
});

describe('review waits for media', () => {
  it('refuses to approve a record whose photos have not all arrived, then approves it once they have', async () => {
    const { doc, front, back } = await recordWithPhotos();
    // The test form has no photo questions, so the record needs correction; put it up for review as the
    // server itself would for a form that has them.
    const pending = writeServerState(server.app.ctx, doc.id, { status: 'pending_review', errors: [] });
    await tusUpload(base, enumerator.token, doc.id, front);
    const approve = () =>
      server.as(supervisor.token, {
        method: 'POST',
        url: `/api/review/submissions/${doc.id}/decision`,
        payload: { decision: 'approve', rev: pending.rev },
      });
    const refused = await approve();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'media-missing' });
    expect(refused.json().error.message).toMatch(/A photo or file of this record has not arrived/);
    await tusUpload(base, enumerator.token, doc.id, back);
    expect((await approve()).statusCode).toBe(200);
  });
});

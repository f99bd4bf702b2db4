/**
 * Issue 15's backup fault test: a backup taken while devices upload photos restores with every medium acknowledged
 * before it started, each checked against its hash; backups copy media incrementally; `verify` catches a damaged
 * or missing media file.
 */
import type { LoginResponse, Submission } from '@kusanya/schemas';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupMediaDir } from '../src/backup/media.js';
import { restoreBackup } from '../src/backup/restore.js';
import { verifyBackup } from '../src/backup/verify.js';
import { householdSubmission, startTestServer, type TestServer } from './helpers.js';
import { jpegLike, refOf, sha256, withMedia } from './media/media-helpers.js';
import { uploadUntilAcknowledged } from './media/upload-until-acknowledged.js';

let server: TestServer;
let base: string;
let enumerator: LoginResponse;
const restoreDir = mkdtempSync(join(tmpdir(), 'kusanya-media-restore-'));

beforeAll(async () => {
  server = await startTestServer();
  base = await server.app.listen({ host: '127.0.0.1', port: 0 });
  enumerator = await server.login('enumerator');
});
afterAll(async () => {
  await server.close();
  rmSync(restoreDir, { recursive: true, force: true });
});

async function recordsWithPhotos(count: number, bytes: number) {
  const files: { record: Submission; bytes: Buffer }[] = [];
  const docs = Array.from({ length: count }, (_, i) => {
    const photo = jpegLike(bytes);
    const doc = withMedia(householdSubmission(enumerator.user.id), { id_front: refOf(`front-${i}.jpg`, photo) });
    files.push({ record: doc, bytes: photo });
    return doc;
  });
  const res = await server.as(enumerator.token, {
    method: 'POST',
    url: '/api/sync/submissions/push',
    payload: docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })),
  });
  expect(res.statusCode).toBe(200);
  return files;
}

describe('backups and media', () => {
  it('a backup taken during uploads restores every medium acknowledged before it, hashes checked', async () => {
    const files = await recordsWithPhotos(16, 250_000);
    const acknowledged: string[] = [];
    const queue = [...files];
    const uploads = Array.from({ length: 2 }, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        await uploadUntilAcknowledged(() => base, enumerator.token, f.record.id, f.bytes);
        acknowledged.push(sha256(f.bytes));
      }
    });
    while (acknowledged.length < 5) await new Promise((r) => setTimeout(r, 5));
    const before = [...acknowledged];
    const backup = await server.app.ctx.backups.run('admin');
    await Promise.all(uploads);

    expect(backup.media?.files).toBeGreaterThanOrEqual(before.length);
    const verified = await verifyBackup(backup.path);
    expect(verified.checks.find((c) => c.name === 'media')).toMatchObject({ ok: true });
    expect(verified.ok).toBe(true);

    const restored = await restoreBackup(restoreDir, backup.path);
    expect(restored.media.restored).toBe(backup.media!.files);
    for (const sha of before) {
      const bytes = readFileSync(join(restoreDir, 'media', 'blobs', sha.slice(0, 2), sha));
      expect(sha256(bytes)).toBe(sha);
    }

    // The next backup copies only what arrived since (incremental), and still lists everything it needs.
    const next = await server.app.ctx.backups.run('admin');
    expect(next.media).toMatchObject({ files: files.length, copied: files.length - backup.media!.files });
  });

  it('verify and restore refuse a backup whose media file is damaged, and change nothing', async () => {
    const [file] = await recordsWithPhotos(1, 10_000);
    await uploadUntilAcknowledged(() => base, enumerator.token, file!.record.id, file!.bytes);
    const backup = await server.app.ctx.backups.run('admin');
    const sha = sha256(file!.bytes);
    const copy = join(backupMediaDir(backup.path), sha.slice(0, 2), sha);
    writeFileSync(copy, jpegLike(10_000));
    const verified = await verifyBackup(backup.path);
    expect(verified.ok).toBe(false);
    expect(verified.checks.find((c) => c.name === 'media')?.message).toMatch(/1 media files damaged/);
    const target = mkdtempSync(join(tmpdir(), 'kusanya-media-refused-'));
    await expect(restoreBackup(target, backup.path)).rejects.toThrow(/failed verification/);
    rmSync(target, { recursive: true, force: true });
    writeFileSync(copy, file!.bytes);
  });
});

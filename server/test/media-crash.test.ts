/**
 * Issue 15's fault test: the server process is killed with SIGKILL several times while devices upload photos over
 * tus, and restarted on the same address. Devices resume each file from the offset the server acknowledged. Every
 * medium acknowledged before a crash is whole after it (its bytes hash to its name, its row is there), nothing is
 * stored twice, and at the end every medium has arrived once.
 */
import type { LoginResponse, Submission } from '@kusanya/schemas';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { householdSubmission } from './helpers.js';
import { jpegLike, refOf, sha256, withMedia } from './media/media-helpers.js';
import { uploadUntilAcknowledged } from './media/upload-until-acknowledged.js';
import { freePort, startServerProcess, type ServerProcess } from './process.js';

const RECORDS = 10;
const PHOTO_BYTES = 400_000;
const KILLS = 3;
const CLIENTS = 3;

const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-media-crash-'));
let server: ServerProcess | null = null;
afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const blobPath = (sha: string) => join(dataDir, 'media', 'blobs', sha.slice(0, 2), sha);

function held(): Set<string> {
  const db = new Database(join(dataDir, 'kusanya.sqlite'), { readonly: true });
  try {
    return new Set((db.prepare('SELECT sha256 FROM media_blobs').all() as { sha256: string }[]).map((r) => r.sha256));
  } finally {
    db.close();
  }
}

describe('a server killed with SIGKILL during media uploads', () => {
  it(
    'keeps every acknowledged medium whole, stores none twice, and the devices finish by resuming',
    { timeout: 180_000 },
    async () => {
      const port = String(await freePort());
      server = await startServerProcess(dataDir, { LOG_LEVEL: 'error', PORT: port });
      const login = (await (
        await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'enumerator', password: 'kusanya-demo', deviceId: 'media-crash' }),
        })
      ).json()) as LoginResponse;

      const files: { record: Submission; bytes: Buffer }[] = [];
      const records = Array.from({ length: RECORDS }, (_, i) => {
        const front = jpegLike(PHOTO_BYTES);
        const back = jpegLike(PHOTO_BYTES);
        const doc = withMedia(householdSubmission(login.user.id), {
          id_front: refOf(`front-${i}.jpg`, front),
          id_back: refOf(`back-${i}.jpg`, back),
        });
        files.push({ record: doc, bytes: front }, { record: doc, bytes: back });
        return doc;
      });
      const pushed = await fetch(`${server.url}/api/sync/submissions/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
        body: JSON.stringify(records.map((doc) => ({ assumedMasterState: null, newDocumentState: doc }))),
      });
      expect(pushed.status).toBe(200);

      const acknowledged: string[] = [];
      let attempts = 0;
      const queue = [...files];
      const clients = Array.from({ length: CLIENTS }, async () => {
        for (let file = queue.shift(); file; file = queue.shift()) {
          const tries = await uploadUntilAcknowledged(
            () => server?.url ?? null,
            login.token,
            file.record.id,
            file.bytes,
          );
          attempts += tries;
          acknowledged.push(sha256(file.bytes));
        }
      });

      const afterCrash: { acknowledged: string[]; held: Set<string> }[] = [];
      for (let kill = 1; kill <= KILLS; kill++) {
        const target = Math.floor((kill * files.length) / (KILLS + 1));
        while (acknowledged.length < target) await sleep(5);
        await sleep(Math.random() * 30);
        const dying = server!;
        server = null;
        dying.child.kill('SIGKILL');
        const before = [...acknowledged];
        expect((await dying.exited).signal).toBe('SIGKILL');
        afterCrash.push({ acknowledged: before, held: held() });
        for (const sha of before) expect(sha256(readFileSync(blobPath(sha)))).toBe(sha);
        server = await startServerProcess(dataDir, { LOG_LEVEL: 'error', SEED_DEMO: 'false', PORT: port });
      }
      await Promise.all(clients);

      for (const crash of afterCrash) for (const sha of crash.acknowledged) expect(crash.held.has(sha)).toBe(true);
      expect(attempts).toBeGreaterThan(files.length);
      const end = held();
      expect(end.size).toBe(files.length);
      for (const { bytes } of files) {
        expect(existsSync(blobPath(sha256(bytes)))).toBe(true);
        expect(readFileSync(blobPath(sha256(bytes))).equals(bytes)).toBe(true);
      }
      // No stray files among the blobs (a partial blob never appears under a hash).
      const stray = readdirSync(join(dataDir, 'media', 'blobs'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .filter((name) => !end.has(name));
      expect(stray).toEqual([]);
      server!.child.kill('SIGTERM');
      await server!.exited;
      server = null;
    },
  );
});

/**
 * DESIGN.md §3 rule 2 under a real crash: the server process is killed with SIGKILL several times during a
 * stream of pushes and restarted. Clients retry as devices do (the same rows again until a 200). At the end
 * the database passes `PRAGMA integrity_check` and holds every record exactly once, with no duplicate version;
 * after each crash it holds only whole batches.
 */
import type { LoginResponse, Submission } from '@kusanya/schemas';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { householdSubmission } from './helpers.js';
import { startServerProcess, type ServerProcess } from './process.js';

const RECORDS = 300;
const BATCH = 25;
const CLIENTS = 2;
const KILLS = 3;

const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-crash-'));
let server: ServerProcess | null = null;
afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function inspect(acknowledgedIds: string[] = []) {
  const db = new Database(join(dataDir, 'kusanya.sqlite'));
  try {
    const one = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
    return {
      acknowledgedOnDisk: one(
        'SELECT count(*) AS n FROM submissions WHERE id IN (SELECT value FROM json_each(?))',
        JSON.stringify(acknowledgedIds),
      ),
      integrity: db.pragma('integrity_check', { simple: true }),
      submissions: one('SELECT count(*) AS n FROM submissions'),
      distinct: one('SELECT count(DISTINCT id) AS n FROM submissions'),
      versions: one('SELECT count(*) AS n FROM submission_versions'),
      maxVersionsPerRecord: one(
        'SELECT coalesce(max(c), 0) AS n FROM (SELECT count(*) AS c FROM submission_versions GROUP BY submission_id)',
      ),
    };
  } finally {
    db.close();
  }
}

describe('a server killed with SIGKILL during pushes', () => {
  it(
    'loses no acknowledged batch, stores no partial batch and no duplicate, and the retries complete',
    // Four server starts (tsx compiles at each): seconds on an idle machine, up to 25 s each on a loaded one.
    { timeout: 180_000 },
    async () => {
      server = await startServerProcess(dataDir, { LOG_LEVEL: 'error' });
      const login = (await (
        await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'enumerator', password: 'kusanya-demo', deviceId: 'crash-test' }),
        })
      ).json()) as LoginResponse;

      const records = Array.from({ length: RECORDS }, () => householdSubmission(login.user.id));
      const queue = Array.from({ length: RECORDS / BATCH }, (_, i) => records.slice(i * BATCH, (i + 1) * BATCH));
      let acknowledged = 0;
      const acknowledgedIds: string[] = [];
      let failures = 0;

      /** A device's push loop: the same rows again after any failure, until the server answers 200. */
      async function pushUntilAcknowledged(batch: Submission[]) {
        const body = JSON.stringify(batch.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })));
        for (;;) {
          const url = server?.url;
          try {
            if (!url) throw new Error('server down');
            const res = await fetch(`${url}/api/sync/submissions/push`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
              body,
              signal: AbortSignal.timeout(5_000),
            });
            if (res.status === 200) {
              const answer = (await res.json()) as Submission[];
              expect(answer.map((d) => d.id)).toEqual(batch.map((d) => d.id));
              acknowledged += 1;
              acknowledgedIds.push(...batch.map((d) => d.id));
              return;
            }
            throw new Error(`status ${res.status}`);
          } catch {
            failures += 1;
            await sleep(30 + Math.random() * 70);
          }
        }
      }
      const clients = Array.from({ length: CLIENTS }, async () => {
        for (let batch = queue.shift(); batch; batch = queue.shift()) await pushUntilAcknowledged(batch);
      });

      const afterCrash: { acknowledged: number; state: ReturnType<typeof inspect> }[] = [];
      for (let kill = 1; kill <= KILLS; kill++) {
        const target = Math.floor((kill * RECORDS) / BATCH / (KILLS + 1));
        while (acknowledged < target) await sleep(5);
        await sleep(Math.random() * 20);
        const dying = server!;
        server = null;
        dying.child.kill('SIGKILL');
        const acknowledgedBefore = [...acknowledgedIds];
        expect((await dying.exited).signal).toBe('SIGKILL');
        afterCrash.push({ acknowledged: acknowledgedBefore.length, state: inspect(acknowledgedBefore) });
        server = await startServerProcess(dataDir, { LOG_LEVEL: 'error', SEED_DEMO: 'false' });
      }
      await Promise.all(clients);

      expect(acknowledged).toBe(RECORDS / BATCH);
      expect(failures).toBeGreaterThan(0);
      for (const { acknowledged: acked, state } of afterCrash) {
        expect(state.integrity).toBe('ok');
        // Every batch answered 200 before the crash is on disk; nothing else but whole batches.
        expect(state.acknowledgedOnDisk).toBe(acked);
        expect(state.submissions % BATCH).toBe(0);
      }
      const dying = server!;
      server = null;
      dying.child.kill('SIGTERM');
      await dying.exited;
      const end = inspect(acknowledgedIds);
      expect(end).toEqual({
        acknowledgedOnDisk: RECORDS,
        integrity: 'ok',
        submissions: RECORDS,
        distinct: RECORDS,
        versions: 2 * RECORDS,
        maxVersionsPerRecord: 2,
      });
    },
  );
});

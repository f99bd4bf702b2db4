import type { LoginResponse, Submission } from '@kusanya/schemas';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { demoSeedDeps, seedDemoIfEmpty } from '@kusanya/tools/seed/demo';
import { runCli } from './cli-process.js';
import { householdSubmission, startTestServer } from './helpers.js';
import { startServerProcess, type ServerProcess } from './process.js';

const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `kusanya-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function seededDataDir(): Promise<string> {
  const dataDir = tempDir('backup');
  const app = await buildApp({ ...loadConfig({}), dataDir, clientDir: null, logLevel: 'silent' });
  await seedDemoIfEmpty(demoSeedDeps(app.ctx.db));
  await app.close();
  return dataDir;
}

const count = (file: string, table: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('backup, verify and restore from the CLI', () => {
  let dataDir: string;
  let backupFile: string;
  beforeAll(async () => {
    dataDir = await seededDataDir();
  }, 60_000);

  it('writes a backup with a SHA-256 manifest that verifies', async () => {
    const res = await runCli(dataDir, ['backup', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const manifest = JSON.parse(res.stdout);
    backupFile = manifest.path;
    expect(manifest).toMatchObject({
      format: 'kusanya-backup',
      trigger: 'cli',
      integrityCheck: 'ok',
      tables: { users: 5, locations: 31 },
    });
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(backupFile.replace(/\.sqlite$/, '.manifest.json'))).toBe(true);
    expect(existsSync(`${backupFile}-wal`)).toBe(false);

    const verify = await runCli(dataDir, ['backup', 'verify', backupFile]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('ok   sha256');
    expect(verify.stdout).toContain('ok   integrity: PRAGMA integrity_check: ok');
    expect(verify.stdout).toContain('The backup is good');
    expect((await runCli(dataDir, ['backup', 'list'])).stdout).toContain(manifest.file);
  }, 60_000);

  it('refuses a damaged backup, and restoring it changes nothing', async () => {
    const damaged = join(tempDir('damaged'), 'kusanya-20260101-000000.sqlite');
    const bytes = readFileSync(backupFile);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    writeFileSync(damaged, bytes);
    writeFileSync(
      damaged.replace(/\.sqlite$/, '.manifest.json'),
      readFileSync(backupFile.replace(/\.sqlite$/, '.manifest.json')),
    );
    const verify = await runCli(dataDir, ['backup', 'verify', damaged]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/FAIL sha256: SHA-256 is [0-9a-f]{64}, manifest says/);

    const live = join(dataDir, 'kusanya.sqlite');
    const usersBefore = count(live, 'users');
    const restore = await runCli(dataDir, ['restore', damaged]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('The backup failed verification; nothing was changed.');
    expect(count(live, 'users')).toBe(usersBefore);
    expect(readdirSync(dataDir).filter((f) => f.includes('before-restore'))).toEqual([]);

    const noManifest = join(tempDir('plain'), 'copy.sqlite');
    writeFileSync(noManifest, readFileSync(backupFile));
    expect((await runCli(dataDir, ['restore', noManifest])).stderr).toContain('no manifest next to the file');
  }, 60_000);

  it('restores a good backup: the current database is kept aside, the restored one is complete and audited', async () => {
    const live = join(dataDir, 'kusanya.sqlite');
    // A change after the backup, which the restore rolls back.
    expect(
      (
        await runCli(dataDir, [
          'user',
          'add',
          '--username',
          'after.backup',
          '--password',
          'long enough passphrase',
          '--role',
          'hq',
          '--areas',
          'BI',
        ])
      ).code,
    ).toBe(0);
    expect(count(live, 'users')).toBe(6);
    const restore = await runCli(dataDir, ['restore', backupFile, '--json']);
    expect(restore.code, restore.stderr).toBe(0);
    const report = JSON.parse(restore.stdout);
    expect(report).toMatchObject({ integrity: 'ok', tables: { users: 5 } });
    expect(count(live, 'users')).toBe(5);
    expect(count(report.previousSavedAs, 'users')).toBe(6);
    const audit = JSON.parse((await runCli(dataDir, ['audit', 'list', '--action', 'backup.restore', '--json'])).stdout);
    expect(audit[0]).toMatchObject({
      action: 'backup.restore',
      outcome: 'success',
      actor: expect.stringMatching(/^cli/),
    });
  }, 60_000);

  it('refuses to restore while a server runs on the data directory', async () => {
    const server = await startServerProcess(dataDir);
    try {
      const res = await runCli(dataDir, ['restore', backupFile]);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/A Kusanya server \(pid \d+, port \d+\) is running on .*Stop it first/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    expect(existsSync(join(dataDir, 'server.pid'))).toBe(false);
  }, 60_000);
});

describe('the exit export', () => {
  it('writes the SQLite file and every table as CSV with the schema and a SHA-256 manifest, secrets left out', async () => {
    const dataDir = await seededDataDir();
    const out = tempDir('export');
    const res = await runCli(dataDir, ['export', out, '--json']);
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout) as {
      dir: string;
      database: string;
      files: { file: string; table: string; rows: number; sha256: string }[];
    };
    const tables = report.files.map((f) => f.table);
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'locations',
        'forms',
        'submissions',
        'submission_versions',
        'audit_log',
        'devices',
      ]),
    );
    const users = readFileSync(join(report.dir, 'users.csv'), 'utf8').split('\r\n');
    expect(users[0]).toBe('id,username,password_hash,role,disabled,created_at,password_changed_at');
    expect(users.filter((l) => l.includes('[not exported]'))).toHaveLength(5);
    expect(users.join('\n')).not.toContain('scrypt$');
    const forms = readFileSync(join(report.dir, 'forms.csv'), 'utf8');
    expect(forms).toContain('household_survey');
    expect(existsSync(join(report.dir, report.database))).toBe(true);
    expect(readFileSync(join(report.dir, 'schema.sql'), 'utf8')).toContain('CREATE TABLE submissions');
    const { createHash } = await import('node:crypto');
    for (const file of report.files) {
      expect(
        createHash('sha256')
          .update(readFileSync(join(report.dir, file.file)))
          .digest('hex'),
        file.file,
      ).toBe(file.sha256);
    }
    expect(report.files.find((f) => f.table === 'locations')?.rows).toBe(31);
  }, 60_000);
});

describe('a backup taken during a stream of pushes', () => {
  async function pushStream(server: ServerProcess, token: string, userId: string, stop: () => boolean) {
    const acked: { id: string; at: number }[] = [];
    const client = async () => {
      while (!stop()) {
        const doc = householdSubmission(userId);
        const res = await fetch(`${server.url}/api/sync/submissions/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify([{ assumedMasterState: null, newDocumentState: doc }]),
        });
        if (res.status !== 200) throw new Error(`push failed: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        acked.push({ id: doc.id, at: Date.now() });
      }
    };
    return { acked, done: Promise.all([client(), client(), client()]) };
  }

  for (const via of ['cli', 'admin'] as const) {
    it(`restores (${via === 'cli' ? 'CLI, another process' : 'admin API, in the server'}) to a database that passes integrity_check and holds every push acknowledged before it started`, async () => {
      const dataDir = await seededDataDir();
      const server = await startServerProcess(dataDir);
      let backup: { path: string; createdAt: string };
      let acked: { id: string; at: number }[];
      let enumerator: LoginResponse;
      let ackedBefore: string[];
      let ackedDuring: number;
      try {
        const login = (username: string) =>
          fetch(`${server.url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password: 'kusanya-demo' }),
          }).then((r) => r.json() as Promise<LoginResponse>);
        enumerator = await login('enumerator');
        let stopped = false;
        const stream = await pushStream(server, enumerator.token, enumerator.user.id, () => stopped);
        acked = stream.acked;
        while (acked.length < 50) await new Promise((r) => setTimeout(r, 20));
        // Every push acknowledged up to here was acknowledged before the backup started (acks are appended in order).
        const ackedBeforeCount = acked.length;
        const startedAt = Date.now();
        if (via === 'cli') {
          const res = await runCli(dataDir, ['backup', '--json']);
          expect(res.code, res.stderr).toBe(0);
          backup = JSON.parse(res.stdout);
        } else {
          const admin = await login('admin');
          const res = await fetch(`${server.url}/api/admin/backups`, {
            method: 'POST',
            headers: { authorization: `Bearer ${admin.token}` },
          });
          expect(res.status).toBe(201);
          const info = (await res.json()) as { file: string; createdAt: string };
          backup = { path: join(dataDir, 'backups', info.file), createdAt: info.createdAt };
        }
        const finishedAt = Date.now();
        ackedDuring = acked.filter((a) => a.at >= startedAt && a.at <= finishedAt).length;
        // Pushes go on after the backup too; then the stream stops and the server shuts down.
        const target = acked.length + 30;
        while (acked.length < target) await new Promise((r) => setTimeout(r, 20));
        stopped = true;
        await stream.done;
        ackedBefore = acked.slice(0, ackedBeforeCount).map((a) => a.id);
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }

      const restore = await runCli(dataDir, ['restore', backup!.path, '--json']);
      expect(restore.code, restore.stderr).toBe(0);
      expect(JSON.parse(restore.stdout).integrity).toBe('ok');
      const db = new Database(join(dataDir, 'kusanya.sqlite'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const stored = new Set(
          db
            .prepare<[], { id: string }>('SELECT id FROM submissions')
            .all()
            .map((r) => r.id),
        );
        const missing = ackedBefore!.filter((id) => !stored.has(id));
        expect(missing, 'acknowledged before the backup but missing from it').toEqual([]);
        expect(ackedBefore!.length).toBeGreaterThanOrEqual(50);
        process.stdout.write(
          `backup during pushes (${via}): ${ackedBefore!.length} pushes acknowledged before it started, ${ackedDuring} while it ran, ` +
            `${acked!.length} in all; restored ${stored.size}, none of the earlier ones missing, integrity_check ok\n`,
        );
        // Every stored submission is whole: its master state and the versions it was built from.
        const orphans = db
          .prepare(
            'SELECT count(*) AS n FROM submissions s WHERE NOT EXISTS (SELECT 1 FROM submission_versions v WHERE v.submission_id = s.id)',
          )
          .get() as { n: number };
        expect(orphans.n).toBe(0);
        const docs = db
          .prepare<[], { doc: string }>('SELECT doc FROM submissions')
          .all()
          .map((r) => JSON.parse(r.doc) as Submission);
        expect(docs.every((d) => d.meta.enumeratorId === enumerator!.user.id && d.status === 'pending_review')).toBe(
          true,
        );
      } finally {
        db.close();
      }
    }, 120_000);
  }
});

describe('scheduled backups', () => {
  it('backs up every interval and keeps the newest BACKUP_KEEP', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const server = await startTestServer({ backupIntervalMinutes: 60, backupKeep: 2 });
    try {
      await server.app.ready();
      const dir = server.app.ctx.backups.dir;
      for (let i = 1; i <= 3; i++) {
        vi.advanceTimersByTime(60 * 60_000);
        await vi.waitFor(() => expect(server.app.ctx.backups.progress().running).toBe(false), { timeout: 10_000 });
        await vi.waitFor(() => expect(server.app.ctx.audit.find({ action: 'backup.create' }, 10)).toHaveLength(i), {
          timeout: 10_000,
        });
      }
      const backups = server.app.ctx.backups.list();
      expect(backups).toHaveLength(2);
      expect(backups.every((b) => b.trigger === 'schedule')).toBe(true);
      expect(readdirSync(dir).filter((f) => f.endsWith('.sqlite'))).toHaveLength(2);
      expect(
        server.app.ctx.audit
          .find({ action: 'backup.create' }, 10)
          .every((e) => e.actor === 'system' && e.outcome === 'success'),
      ).toBe(true);
    } finally {
      vi.useRealTimers();
      await server.close();
    }
  }, 60_000);
});

// Upgrading a real database of the previous release: `npm run cli -- upgrade` (backup → migrations → checks),
// the app working on the result, the rollback point, and the automatic roll-back when a migration goes wrong.
// The fixture is a database written by release 0.1.0 (commit 5117be9, schema 053) with rows in every table,
// made on that commit by server/test/upgrade/make-release-fixture.ts.
import type { LoginResponse, SubmissionsPullResponse } from '@kusanya/schemas';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { listBackups } from '../src/backup/create.js';
import { inspectDatabase } from '../src/backup/inspect.js';
import { restoreBackup } from '../src/backup/restore.js';
import { upgradeDatabase } from '../src/backup/upgrade.js';
import { verifyBackup } from '../src/backup/verify.js';
import { loadConfig } from '../src/config.js';
import { listMigrations } from '../src/db/migrate.js';
import { writeServerMarker } from '../src/db/server-marker.js';
import { DEMO_PASSWORD } from '@kusanya/tools/seed/demo';
import { runCli } from './cli-process.js';

const RELEASE = readFileSync(new URL('./fixtures/releases/0.1.0-5117be9.sqlite.gz', import.meta.url));
const RELEASE_SCHEMA = 53;
/** Migrations this version knows: the release's plus every newer one. */
const latestCount = () => listMigrations().length;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data directory holding the previous release's database, with backup and copy folders beside it. */
function previousRelease() {
  const root = mkdtempSync(join(tmpdir(), 'kusanya-upgrade-'));
  dirs.push(root);
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  const file = join(dataDir, 'kusanya.sqlite');
  writeFileSync(file, gunzipSync(RELEASE));
  return { dataDir, file, backupDir: join(root, 'backups'), copyDir: join(root, 'copies') };
}

describe('upgrading the previous release', () => {
  it('backs up, migrates and checks a release 0.1.0 database with data in every table; the app works on it', async () => {
    const release = previousRelease();
    const before = inspectDatabase(release.file);
    expect(before.schemaVersion).toBe(RELEASE_SCHEMA);
    const empty = Object.entries(before.tables).filter(([t, n]) => n === 0 && !t.startsWith('sqlite_'));
    expect(empty, 'the fixture has rows in every table').toEqual([]);

    const env = { BACKUP_DIR: release.backupDir, BACKUP_COPY_DIR: release.copyDir, SEED_DEMO: 'false' };
    const run = await runCli(release.dataDir, ['upgrade'], env);
    expect(run.stderr + run.stdout).not.toMatch(/FAILED|Error/);
    expect(run.code).toBe(0);
    const latest = Math.max(...listMigrations().map((m) => m.version));
    expect(run.stdout).toContain(`Upgraded the database from schema ${RELEASE_SCHEMA} to ${latest}`);
    expect(run.stdout).toMatch(/integrity_check: ok; no table lost rows/);
    expect(run.stdout).toMatch(/To roll back to the previous version:[\s\S]*kusanya-cli restore .*kusanya-\d{8}-\d{6}/);

    // Every table of the release kept every row, and the new migrations are recorded.
    const after = inspectDatabase(release.file);
    expect(after.integrity).toBe('ok');
    expect(after.schemaVersion).toBe(latest);
    const added = { audit_log: 1, schema_migrations: latestCount() - before.tables['schema_migrations']! };
    // FTS5's shadow tables hold the search index's own pages: a re-index (migration 120) rewrites them.
    const indexPages = (table: string) => /^search_fts_(data|idx|docsize)$/.test(table);
    for (const [table, rows] of Object.entries(before.tables)) {
      if (indexPages(table)) expect(after.tables[table], table).toBeGreaterThan(0);
      else expect(after.tables[table], table).toBe(rows + (added[table as keyof typeof added] ?? 0));
    }

    // The rollback point: a verified backup of the release's database, also copied off the machine.
    const [backup] = listBackups(release.backupDir);
    expect(backup).toMatchObject({ trigger: 'upgrade', schemaVersion: RELEASE_SCHEMA });
    expect((await verifyBackup(backup!.path)).ok).toBe(true);
    expect(listBackups(release.copyDir).map((b) => b.sha256)).toEqual([backup!.sha256]);
    expect(run.stdout).toMatch(/copy \(folder\): done/);

    // The new version serves the old data: the release's enumerator logs in and pulls their records.
    const app = await buildApp({
      ...loadConfig({}),
      dataDir: release.dataDir,
      backupDir: release.backupDir,
      backupCopyDir: release.copyDir,
      clientDir: null,
      logLevel: 'silent',
      intakeWorkers: 0,
    });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'enumerator', password: DEMO_PASSWORD, deviceId: 'after-upgrade' },
      });
      expect(login.statusCode).toBe(200);
      const { token } = login.json<LoginResponse>();
      const pulled = await app.inject({
        method: 'GET',
        url: '/api/sync/submissions/pull?seq=0&limit=1000',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(pulled.statusCode).toBe(200);
      const docs = pulled.json<SubmissionsPullResponse>().documents;
      expect(docs.some((d) => d.status === 'pending_review' && d.rev === 2)).toBe(true);
      expect(docs.some((d) => d.formId === 'grievance')).toBe(true);
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.json()).toMatchObject({ status: 'ok', backupCopy: { state: 'ok' } });
    } finally {
      await app.close();
    }

    // Upgrading again finds nothing to do and takes no backup.
    const again = await runCli(release.dataDir, ['upgrade', '--if-needed'], env);
    expect(again).toMatchObject({ code: 0, stdout: '' });
    expect(listBackups(release.backupDir)).toHaveLength(1);

    // Rolling back (with the previous version installed) restores the release's database exactly.
    await restoreBackup(release.dataDir, backup!.path, { migrate: false });
    const rolledBack = inspectDatabase(release.file);
    expect(rolledBack.schemaVersion).toBe(RELEASE_SCHEMA);
    expect(rolledBack.tables).toEqual(before.tables);
  }, 120_000);

  it('puts the database back when a migration fails or would lose rows, and says so', async () => {
    const release = previousRelease();
    const before = inspectDatabase(release.file);
    const known = listMigrations();
    for (const broken of [
      {
        version: 998,
        name: 'broken',
        sql: 'CREATE TABLE upgrade_probe (x INTEGER); INSERT INTO no_such_table VALUES (1);',
      },
      { version: 999, name: 'careless', sql: 'DELETE FROM grievance_comments;' },
    ]) {
      const failing = upgradeDatabase(release.dataDir, {
        backupDir: release.backupDir,
        migrations: [...known, broken],
      });
      await expect(failing).rejects.toMatchObject({
        code: 'upgrade-failed',
        message: expect.stringMatching(/The database was put back as it was before/),
      });
      const now = inspectDatabase(release.file);
      expect(now.schemaVersion).toBe(RELEASE_SCHEMA);
      expect(now.tables).toEqual(before.tables);
    }
    // A migration may remove rows when it says so.
    const declared = {
      version: 999,
      name: 'declared',
      sql: '-- upgrade: may remove rows from login_lockouts\nDELETE FROM login_lockouts;',
    };
    const report = await upgradeDatabase(release.dataDir, {
      backupDir: release.backupDir,
      migrations: [...known, declared],
    });
    expect(report).toMatchObject({ outcome: 'upgraded', fromVersion: RELEASE_SCHEMA, toVersion: 999 });
  }, 120_000);

  it('refuses while a server runs on the data, and a database from a newer version', async () => {
    const release = previousRelease();
    writeServerMarker(release.dataDir, { pid: process.ppid, port: 8080, startedAt: new Date().toISOString() });
    const running = await runCli(release.dataDir, ['upgrade'], { BACKUP_DIR: release.backupDir });
    expect(running.code).toBe(1);
    expect(running.stderr).toMatch(/is running on .* Stop it first/);
    rmSync(join(release.dataDir, 'server.pid'));

    const dry = await runCli(release.dataDir, ['upgrade', '--dry-run'], { BACKUP_DIR: release.backupDir });
    expect(dry.stdout).toMatch(/needs \d+ migration\(s\):[\s\S]*090 backup_copies/);
    expect(inspectDatabase(release.file).schemaVersion).toBe(RELEASE_SCHEMA);

    const older = listMigrations().filter((m) => m.version <= RELEASE_SCHEMA);
    await upgradeDatabase(release.dataDir, { backupDir: release.backupDir }); // now at this version's schema
    await expect(upgradeDatabase(release.dataDir, { backupDir: release.backupDir, migrations: older })).rejects.toThrow(
      /written by a newer Kusanya/,
    );
  }, 120_000);
});

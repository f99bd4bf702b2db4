// Off-machine backup copies: each backup goes to BACKUP_COPY_DIR and/or BACKUP_COPY_COMMAND as it is taken; the
// administrator's screen and the health check say when the last good copy left the machine, and why one failed.
import type { BackupCopyResult, BackupList } from '@kusanya/schemas';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../src/backup/create.js';
import { sha256File } from '../src/backup/manifest.js';
import type { AppConfig } from '../src/config.js';
import { runCli } from './cli-process.js';
import { startTestServer, type TestServer } from './helpers.js';

const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kusanya-copies-'));
  dirs.push(dir);
  return dir;
};

async function adminServer(config: Partial<AppConfig>) {
  const server = await startTestServer(config);
  servers.push(server);
  const { token } = await server.login('admin');
  const as = <T>(method: 'GET' | 'POST', url: string) =>
    server.as(token, { method, url }).then((res) => ({ status: res.statusCode, body: res.json<T>() }));
  const backupNow = async () => (await as<{ name: string; file: string }>('POST', '/api/admin/backups')).body;
  /** The copy runs after the backup's answer: wait until it is recorded. */
  const copied = async (count: number) => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      const list = (await as<BackupList>('GET', '/api/admin/backups')).body;
      if (list.copies.recent.length >= count && !list.copies.running) return list;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the copy was not recorded');
  };
  const health = async () => (await server.app.inject({ method: 'GET', url: '/api/health' })).json();
  return { server, as, backupNow, copied, health };
}

describe('off-machine backup copies', () => {
  it(
    'copies each backup to another folder, checked, keeps the newest, and says when the last copy left',
    { timeout: 90_000 },
    async () => {
      const copyDir = tempDir();
      const { server, backupNow, copied, health } = await adminServer({ backupCopyDir: copyDir, backupCopyKeep: 2 });
      expect(await health()).toMatchObject({ backupCopy: { state: 'pending', lastSuccessAt: null } });

      const first = await backupNow();
      const list = await copied(1);
      expect(list.copies).toMatchObject({
        state: 'ok',
        targets: ['folder'],
        folder: copyDir,
        lastSuccessBackup: first.file,
        lastFailureAt: null,
      });
      expect(list.copies.recent[0]).toMatchObject({ backup: first.file, target: 'folder', outcome: 'success' });
      const [copy] = listBackups(copyDir);
      const [original] = listBackups(server.app.ctx.backups.dir);
      expect(await sha256File(copy!.path)).toBe(original!.sha256);
      expect(await health()).toMatchObject({ backupCopy: { state: 'ok', lastSuccessAt: list.copies.lastSuccessAt } });

      await backupNow();
      await copied(2);
      await backupNow();
      await copied(3);
      expect(listBackups(copyDir)).toHaveLength(2); // BACKUP_COPY_KEEP
      expect(readdirSync(copyDir).filter((f) => f.includes('partial'))).toEqual([]);
    },
  );

  it('calls copies late after two backup intervals without a good one', { timeout: 90_000 }, async () => {
    const { server, backupNow, copied, health } = await adminServer({
      backupCopyDir: tempDir(),
      backupIntervalMinutes: 60,
    });
    await backupNow();
    await copied(1);
    expect((await health()).backupCopy.state).toBe('ok');
    const copies = server.app.ctx.backups.copies;
    expect(copies.status(Date.now() + 2 * 3_600_000).state).toBe('ok');
    expect(copies.status(Date.now() + 3 * 3_600_000).state).toBe('late');
  });

  it(
    'runs a copy command with the backup in its environment, and shows why a failing one failed',
    { timeout: 90_000 },
    async () => {
      const shipped = tempDir();
      const good = await adminServer({
        backupCopyCommand: `cp "$KUSANYA_BACKUP_FILE" "$KUSANYA_BACKUP_MANIFEST" ${shipped}/ && echo "sent $KUSANYA_BACKUP_NAME"`,
      });
      const backup = await good.backupNow();
      const list = await good.copied(1);
      expect(list.copies).toMatchObject({ state: 'ok', targets: ['command'] });
      expect(list.copies.recent[0]!.message).toBe(`the copy command succeeded: sent ${backup.name}`);
      expect(readdirSync(shipped).sort()).toEqual([`${backup.name}.manifest.json`, backup.file]);

      const bad = await adminServer({ backupCopyCommand: 'echo "backup host unreachable" >&2; exit 3' });
      const failed = await bad.backupNow();
      const after = await bad.copied(1);
      expect(after.copies).toMatchObject({
        state: 'failing',
        lastSuccessAt: null,
        lastError: 'command: the copy command failed with exit status 3: backup host unreachable',
      });
      expect(await bad.health()).toMatchObject({ status: 'ok', backupCopy: { state: 'failing' } });
      // The administrator retries by hand (the same command fails the same way, and says so).
      const retry = await bad.as<BackupCopyResult>('POST', `/api/admin/backups/${failed.name}/copy`);
      expect(retry.status).toBe(200);
      expect(retry.body.attempts).toMatchObject([{ outcome: 'failure', backup: failed.file }]);
    },
  );

  it('refuses "copy now" when no copy is configured', { timeout: 90_000 }, async () => {
    const { as, backupNow } = await adminServer({});
    const backup = await backupNow();
    const res = await as<{ error: { code: string; message: string } }>(
      'POST',
      `/api/admin/backups/${backup.name}/copy`,
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/No off-machine copy is configured/);
  });

  it('the CLI backup ships its backup too', { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    const copyDir = tempDir();
    const run = await runCli(dataDir, ['backup'], { BACKUP_COPY_DIR: copyDir, SEED_DEMO: 'false' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Copied off the machine \(folder\): copied to .* and read back \(SHA-256 matches\)/);
    expect(listBackups(copyDir)).toHaveLength(1);
  });
});

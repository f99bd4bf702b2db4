/**
 * Issue 12 (Low): a restore goes back to the backup's moment, but a session that ended after the backup (a logout,
 * a lost tablet revoked) must not work again. Failed before the fix: the token logged out after the backup was
 * accepted again by the restored server.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { restoreBackup } from '../src/backup/restore.js';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer | null = null;
afterAll(() => {
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('restoring a backup', () => {
  it('keeps the sessions that ended after the backup ended, and the others open', async () => {
    server = await startTestServer();
    const loggedOut = (await server.login('enumerator')).token;
    const stillOpen = (await server.login('supervisor')).token;
    const backup = await server.app.ctx.backups.run('admin');
    expect((await server.as(loggedOut, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    const config = server.app.ctx.config;
    await server.app.close();

    const report = await restoreBackup(server.dataDir, backup.path);
    expect(report.sessionsEnded).toBe(1);

    const restored = await buildApp(config);
    try {
      const me = (token: string) =>
        restored.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
      expect((await me(loggedOut)).statusCode).toBe(401);
      expect((await me(stillOpen)).statusCode).toBe(200);
    } finally {
      await restored.close();
    }
  }, 60_000);
});

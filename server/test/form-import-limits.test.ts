import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverNodeOptions } from '../../scripts/server-heap.mjs';
import { xlsxBomb } from './fixtures/xlsx-bomb.js';
import { startServerProcess, type ServerProcess } from './process.js';

/**
 * Issue 12, finding 4: a 1.8 MB .xlsx whose sheet expands to 453 MB used to exhaust the server's heap
 * from `POST /api/admin/forms/import` and kill it. The upload must be refused with a clear 4xx before
 * the workbook is parsed, and the server must keep answering. Runs a real server process with the
 * production heap limit (SERVER_HEAP_MB's default), as `npm start` does.
 */
let server: ServerProcess;
let dataDir: string;
let token: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kusanya-import-limits-'));
  server = await startServerProcess(dataDir, { NODE_OPTIONS: serverNodeOptions({}) });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'kusanya-demo' }),
  });
  token = ((await login.json()) as { token: string }).token;
}, 60_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('XLSForm import limits (issue 12, finding 4)', () => {
  it('refuses a workbook whose sheet expands to 453 MB with a 413, and the server stays up', async () => {
    const bomb = xlsxBomb();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const res = await fetch(`${server.url}/api/admin/forms/import`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      body: bomb,
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('workbook-too-large');
    expect(body.error.message).toMatch(/MB/);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.ok).toBe(true);
    expect(server.child.exitCode).toBeNull();
  }, 120_000);
});

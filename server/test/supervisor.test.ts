/**
 * Issue 12 finding 3: a server that dies (here SIGKILL, as the kernel does at the heap limit or out of memory) is
 * started again by the supervisor `npm start` runs (scripts/supervise.mjs), on the same data; one that cannot
 * start as configured (exit 78, e.g. a read-only data directory) is not restarted in a loop. Failed before the fix:
 * `npm start` exited with the server.
 */
import { seedDemoDatabase } from '@kusanya/tools/seed/demo';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readServerMarker } from '../src/db/server-marker.js';
import { freePort } from './process.js';

interface Supervisor {
  done: Promise<number>;
  readonly child: ChildProcess | null;
  stop(signal?: string): void;
}
const { supervise } = (await import(fileURLToPath(new URL('../../scripts/supervise.mjs', import.meta.url)))) as {
  supervise: (options: Record<string, unknown>) => Supervisor;
};

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-supervised-'));
const logs: string[] = [];
let supervisor: Supervisor | null = null;
afterAll(async () => {
  supervisor?.stop('SIGTERM');
  await supervisor?.done;
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function healthy(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening (yet, or any more)
    }
    if (Date.now() > deadline) throw new Error(`no healthy server at ${url}:\n${logs.join('\n')}`);
    await sleep(100);
  }
}

describe('the supervisor of npm start', () => {
  it('starts the server again when it dies, on the same data', { timeout: 90_000 }, async () => {
    await seedDemoDatabase(dataDir);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    supervisor = supervise({
      command: process.execPath,
      args: ['--import', 'tsx', join(root, 'server/src/server.ts')],
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        CLIENT_DIR: '',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
      log: (line: string) => logs.push(line),
      firstDelayMs: 200,
    });
    await healthy(url, Date.now() + 40_000);
    const first = readServerMarker(dataDir)!;
    expect(first.pid).toBe(supervisor.child?.pid);

    process.kill(first.pid, 'SIGKILL');
    await sleep(300);
    await healthy(url, Date.now() + 40_000);
    const second = readServerMarker(dataDir)!;
    expect(second.pid).not.toBe(first.pid);
    expect(logs.join('\n')).toMatch(/stopped \(SIGKILL\); starting it again/);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'enumerator', password: 'kusanya-demo' }),
    });
    expect(login.status).toBe(200);

    supervisor.stop('SIGTERM');
    expect(await supervisor.done).toBe(0);
  });

  it('does not restart a server that cannot start as configured', { timeout: 30_000 }, async () => {
    const lines: string[] = [];
    const once = supervise({
      command: process.execPath,
      args: ['-e', 'process.exit(78)'],
      stdio: 'ignore',
      log: (line: string) => lines.push(line),
      firstDelayMs: 50,
    });
    expect(await once.done).toBe(78);
    expect(lines.join('\n')).toMatch(/cannot start as configured/);
  });
});

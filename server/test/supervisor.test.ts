// The restart supervisor that `npm start` and the production services run the server under: the real
// scripts/start.mjs, a real server on a real data directory, killed and hung as in the field.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readServerMarker } from '../src/db/server-marker.js';
import { freePort } from './process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | null> | T | null, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Starts `npm start`'s script (API only: nothing to build) with quick health checks. */
async function startSupervised(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-supervisor-'));
  dirs.push(dataDir);
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: '',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      INTAKE_WORKERS: '0',
      SUPERVISOR_HEALTH_INTERVAL_MS: '300',
      SUPERVISOR_HEALTH_TIMEOUT_MS: '300',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}/api/health`;
  const health = async () => {
    try {
      return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
    } catch {
      return false;
    }
  };
  /** The pid of the server answering now (from the marker it writes once listening). */
  const serverPid = (other?: number) =>
    until(other ? `a server other than ${other}` : 'the server to answer', async () => {
      const marker = readServerMarker(dataDir);
      return marker && marker.pid !== other && (await health()) ? marker.pid : null;
    }).catch((error: Error) => {
      throw new Error(`${error.message}; the supervisor said:\n${output}`);
    });
  return { child, dataDir, exited, health, serverPid, output: () => output };
}

describe('restart supervisor (npm start)', () => {
  it('starts a killed server again, and a hung one, and stops it cleanly on SIGTERM', async () => {
    const service = await startSupervised();
    const first = await service.serverPid();
    expect(first).not.toBe(service.child.pid);

    // A crash: the server process is killed outright (as the kernel's OOM killer would).
    process.kill(first, 'SIGKILL');
    const second = await service.serverPid(first);
    expect(second).not.toBe(first);
    expect(service.output()).toMatch(/exited unexpectedly \(signal SIGKILL\)/);

    // A hang: the process is alive but answers nothing (stopped), so only the health check can tell. (The
    // supervisor restarts a server that stops answering after it answered once; a slow start is given time.)
    await until('the supervisor to see the new server answer', () =>
      service.output().includes(`the server (pid ${second}) answers its health check`) ? true : null,
    );
    process.kill(second, 'SIGSTOP');
    const third = await service.serverPid(second);
    expect(service.output()).toMatch(/stopped answering its health check/);
    expect(() => process.kill(second, 0)).toThrow(); // the hung process is gone, not left behind

    // The service manager stops it: the server shuts down gracefully and the supervisor ends with 0.
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(() => process.kill(third, 0)).toThrow();
    expect(await service.health()).toBe(false);
    expect(readServerMarker(service.dataDir)).toBeNull();
  }, 240_000);

  it('does not restart a server that refuses its configuration, and says why', async () => {
    const service = await startSupervised({ TOKEN_TTL_HOURS: 'forever' });
    expect(await service.exited).toBe(78);
    expect(service.output()).toMatch(/TOKEN_TTL_HOURS must be a whole number/);
    expect(service.output()).toMatch(/not restarting it/);
    expect(service.output().match(/TOKEN_TTL_HOURS must be/g)).toHaveLength(1);
  }, 30_000);
});

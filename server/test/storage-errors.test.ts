/**
 * Issue 12, bad input and a bad disk (Low findings): a full disk gives a clear 507 with nothing half-stored and a
 * health check that says so (it said "ok" while every write failed with a generic 500); a read-only data directory
 * stops the server at start with a sentence, not a raw SqliteError, and the health check of a running server says
 * so; a 414 or 431 comes in the usual error body. Each test failed before the fix.
 */
import type { LoginResponse } from '@kusanya/schemas';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdSubmission, startTestServer, type TestServer } from './helpers.js';
import { startServerProcess } from './process.js';

let server: TestServer;
let enumerator: LoginResponse;
beforeAll(async () => {
  server = await startTestServer();
  enumerator = await server.login('enumerator');
}, 60_000);
afterAll(() => server.close());

const count = () =>
  (server.app.ctx.db.prepare('SELECT count(*) AS n FROM submission_versions').get() as { n: number }).n;
const health = async () => {
  const res = await server.app.inject({ method: 'GET', url: '/api/health' });
  return { status: res.statusCode, body: res.json<{ status: string; storage: string; message: string | null }>() };
};

/**
 * Makes a directory read-only for this process, as far as the machine allows: root ignores permissions, so it
 * gets the immutable attribute (chattr). Returns how to undo it, or null when it cannot be done here.
 */
function readOnly(dir: string): (() => void) | null {
  try {
    if (process.getuid?.() === 0) execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    else chmodSync(dir, 0o555);
  } catch {
    return null;
  }
  const undo = () => {
    if (process.getuid?.() === 0) execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    else chmodSync(dir, 0o755);
  };
  try {
    writeFileSync(join(dir, 'probe'), 'x');
    rmSync(join(dir, 'probe'));
    undo();
    return null;
  } catch {
    return undo;
  }
}

describe('a full disk', () => {
  it('answers 507 storage-full with nothing stored, the health check says so, and writes work again after', async () => {
    const { db } = server.app.ctx;
    const before = count();
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    try {
      const res = await server.as(enumerator.token, {
        method: 'POST',
        url: '/api/sync/submissions/push',
        payload: [
          {
            assumedMasterState: null,
            newDocumentState: householdSubmission(enumerator.user.id, { data: { note: 'x'.repeat(2_000_000) } }),
          },
        ],
      });
      expect(res.statusCode).toBe(507);
      expect(res.json().error).toMatchObject({ code: 'storage-full', message: expect.stringMatching(/disk is full/) });
      expect(count()).toBe(before);
      const h = await health();
      expect(h.status).toBe(503);
      expect(h.body).toMatchObject({ status: 'degraded', storage: 'full', message: expect.stringMatching(/full/) });
    } finally {
      db.pragma('max_page_count = 4294967294');
    }
    const again = await server.as(enumerator.token, {
      method: 'POST',
      url: '/api/sync/submissions/push',
      payload: [{ assumedMasterState: null, newDocumentState: householdSubmission(enumerator.user.id) }],
    });
    expect(again.statusCode).toBe(200);
    expect((await health()).status).toBe(200);
  });
});

describe('a read-only data directory', () => {
  it('stops the server at start with a clear sentence (exit 78, not restarted), not a raw SqliteError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kusanya-readonly-'));
    const undo = readOnly(dir);
    if (!undo) {
      rmSync(dir, { recursive: true, force: true });
      console.warn('skipped: this machine cannot make a directory read-only for this user');
      return;
    }
    try {
      const started = startServerProcess(dir, { LOG_LEVEL: 'error', SEED_DEMO: 'false' });
      await expect(started).rejects.toThrow(/exit code 78\)[^]*read-only or not writable/);
      await expect(started).rejects.not.toThrow(/SqliteError|at Database/);
    } finally {
      undo();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('makes the health check of a running server say so', async () => {
    const undo = readOnly(server.dataDir);
    if (!undo) {
      console.warn('skipped: this machine cannot make a directory read-only for this user');
      return;
    }
    try {
      const h = await health();
      expect(h.status).toBe(503);
      expect(h.body).toMatchObject({ status: 'degraded', storage: 'read-only' });
    } finally {
      undo();
    }
    expect((await health()).status).toBe(200);
  });
});

describe('addresses and headers too large', () => {
  it('answers 414 in the usual error body', async () => {
    const res = await server.as(enumerator.token, { method: 'GET', url: `/api/review/submissions/${'a'.repeat(300)}` });
    expect(res.statusCode).toBe(414);
    expect(res.json()).toEqual({ error: { code: 'uri-too-long', message: expect.any(String) } });
  });

  it('answers 431 in the usual error body, and the server stays up', async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as { port: number };
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(text));
      socket.write(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(40_000)}\r\n\r\n`);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { code: 'headers-too-large' },
    });
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  });
});

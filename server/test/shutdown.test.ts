import type { LoginResponse, Submission } from '@kusanya/schemas';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { householdSubmission } from './helpers.js';
import { startServerProcess } from './process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the server process', () => {
  it('says where it runs, finishes a push in flight on SIGTERM, and closes the database cleanly', async () => {
    const server = await startServerProcess(dataDir);
    expect(server.output()).toContain(`Kusanya is running at ${server.url.replace('127.0.0.1', 'localhost')}`);

    const login = (await (
      await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'enumerator', password: 'kusanya-demo' }),
      })
    ).json()) as LoginResponse;
    const rows = Array.from({ length: 500 }, () => ({
      assumedMasterState: null,
      newDocumentState: householdSubmission(login.user.id),
    }));
    const body = Buffer.from(JSON.stringify(rows));

    // The request is in flight (headers and half the body sent) when the signal arrives.
    const request = http.request(`${server.url}/api/sync/submissions/push`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': body.length,
        authorization: `Bearer ${login.token}`,
      },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      request.on('error', reject);
    });
    request.write(body.subarray(0, body.length / 2));
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    request.end(body.subarray(body.length / 2));

    const answer = await response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body) as Submission[]).toHaveLength(500);
    expect(await server.exited).toEqual({ code: 0, signal: null });

    // A clean close checkpoints the WAL and removes it; the data is all there.
    expect(existsSync(join(dataDir, 'kusanya.sqlite-wal'))).toBe(false);
    const db = new Database(join(dataDir, 'kusanya.sqlite'), { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n).toBe(500);
    db.close();
  });

  it('refuses to start with an invalid configuration and says why', async () => {
    await expect(startServerProcess(dataDir, { TOKEN_TTL_HOURS: 'forever' })).rejects.toThrow(
      /TOKEN_TTL_HOURS must be a whole number/,
    );
  });
});

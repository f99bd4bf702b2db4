/**
 * Hostile input: at least 1,000 generated bad requests (fast-check) against push, pull, login and the admin
 * import routes of a real server process. Every answer must be a 4xx with the JSON error body, the server must
 * stay up, and the registry and submissions must be exactly as before (row counts and a checksum per table).
 * Targets live in fuzz/targets.ts; routes added later (review, import) add theirs there.
 */
import type { FormsPullResponse, LoginResponse, Submission } from '@kusanya/schemas';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS, type FuzzContext, type HostileRequest } from './fuzz/targets.js';
import { householdSubmission } from './helpers.js';
import { startServerProcess, type ServerProcess } from './process.js';

/** Bookkeeping that hostile requests legitimately change: the audit log records them, logins count failures. */
const BOOKKEEPING = new Set(['audit_log', 'login_lockouts', 'sessions', 'devices', 'device_keys']);

const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-fuzz-'));
let server: ServerProcess;
let ctx: FuzzContext;

async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** Row count and SHA-256 of every row of every table except bookkeeping, read from the database file. */
function snapshot(): Record<string, { rows: number; sha256: string }> {
  const db = new Database(join(dataDir, 'kusanya.sqlite'), { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all();
    return Object.fromEntries(
      tables
        .filter((t) => !BOOKKEEPING.has(t.name))
        .map((t) => {
          const hash = createHash('sha256');
          let rows = 0;
          // WITHOUT ROWID tables (the search index's) are read in primary-key order.
          const order = /WITHOUT ROWID/i.test(t.sql) ? '' : ' ORDER BY rowid';
          for (const row of db.prepare(`SELECT * FROM "${t.name}"${order}`).raw().iterate()) {
            hash.update(JSON.stringify(row));
            rows++;
          }
          return [t.name, { rows, sha256: hash.digest('hex') }];
        }),
    );
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  server = await startServerProcess(dataDir, { LOGIN_RATE_LIMIT: '100000', LOG_LEVEL: 'fatal' });
  const login = async (username: string) =>
    (await call('POST', '/api/auth/login', { username, password: 'kusanya-demo', deviceId: `fuzz-${username}` }))
      .body as LoginResponse;
  const enumerator = await login('enumerator');
  const admin = await login('admin');
  const supervisor = await login('supervisor');
  const created = await call(
    'POST',
    '/api/admin/users',
    { username: 'other.enumerator', password: 'another fine passphrase', role: 'enumerator', areas: ['CL03010101'] },
    admin.token,
  );
  const other = created.body as { id: string };
  const otherToken = (
    (await call('POST', '/api/auth/login', { username: 'other.enumerator', password: 'another fine passphrase' }))
      .body as LoginResponse
  ).token;
  const submission = householdSubmission(other.id);
  const pushed = await call(
    'POST',
    '/api/sync/submissions/push',
    [{ assumedMasterState: null, newDocumentState: submission }],
    otherToken,
  );
  expect(pushed.status).toBe(200);
  const users = ((await call('GET', '/api/admin/users', undefined, admin.token)).body as { users: { id: string }[] })
    .users;
  ctx = {
    enumerator: { id: enumerator.user.id, token: enumerator.token },
    admin: { id: admin.user.id, token: admin.token },
    supervisor: { id: supervisor.user.id, token: supervisor.token },
    other: { id: other.id, submission: submission as Submission },
    form: (
      (await call('GET', '/api/sync/forms/pull?seq=0&limit=100', undefined, enumerator.token)).body as FormsPullResponse
    ).documents.find((d) => d.formId === 'household_survey')!.definition as unknown as Record<string, unknown>,
    userIds: users.map((u) => u.id),
  };
}, 60_000);

afterAll(async () => {
  if (server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Sends one request with node:http, so that an answer the server gives before reading the whole body (413 on
 * Content-Length) is read even though writing the rest of the body then fails.
 */
function send(req: HostileRequest): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
    const headers: Record<string, string | number> = {};
    if (req.contentType) headers['content-type'] = req.contentType;
    if (req.token) headers['authorization'] = `Bearer ${req.token}`;
    if (body) headers['content-length'] = body.length;
    let answered = false;
    const request = http.request(`${server.url}${req.path}`, { method: req.method, headers, agent: false }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text }),
      );
      res.on('error', reject);
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (!body || body.length < 1024 * 1024) {
      request.end(body);
      return;
    }
    // A big body: the server may refuse it from its Content-Length alone; give it the chance before writing.
    request.flushHeaders();
    setTimeout(() => {
      if (!answered) request.end(body);
    }, 200);
  });
}

describe('hostile input', () => {
  it('refuses every generated bad request with a 4xx JSON error, stays up, and changes no registry or submission data', async () => {
    const before = snapshot();
    const seen: Record<string, number> = {};
    const statuses: Record<number, number> = {};
    let total = 0;
    for (const target of TARGETS) {
      await fc.assert(
        fc.asyncProperty(
          target
            .cases(ctx)
            .map((r) =>
              Object.assign(r, { [fc.toStringMethod]: () => `${r.kind} (${r.method} ${r.path.slice(0, 80)})` }),
            ),
          async (req) => {
            const res = await send(req);
            const where = `${req.kind} → ${res.status} ${res.text.slice(0, 300)}`;
            expect(res.status, where).toBeGreaterThanOrEqual(400);
            expect(res.status, where).toBeLessThan(500);
            expect(res.contentType, where).toMatch(/^application\/json/);
            const body = JSON.parse(res.text) as { error?: { code?: unknown; message?: unknown } };
            expect(body.error?.code, where).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
            expect(typeof body.error?.message, where).toBe('string');
            seen[req.kind.replace(/:.*$/, '')] = (seen[req.kind.replace(/:.*$/, '')] ?? 0) + 1;
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            total++;
          },
        ),
        { numRuns: target.runs, endOnFailure: true },
      );
    }
    expect(server.child.exitCode).toBeNull();
    expect((await call('GET', '/api/health')).body).toMatchObject({ status: 'ok', database: 'ok', storage: 'ok' });
    expect(snapshot()).toEqual(before);
    expect(total).toBeGreaterThanOrEqual(1000);
    process.stdout.write(
      `fuzz: ${total} hostile requests (${Object.entries(seen)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}); answers ${Object.entries(statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')}; data unchanged\n`,
    );
  }, 600_000);
});

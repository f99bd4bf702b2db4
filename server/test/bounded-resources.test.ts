/**
 * Issue 12, one user cannot take the server down: pull pages are bounded by bytes (finding 3); exports nobody reads
 * are ended and their slot freed (finding 6); a user's pushes have a storage quota, uploads a time limit, and a user
 * a few uploads in flight at most (finding 7). Every answer is the usual error body, and the server stays up. Each
 * test failed before the fix.
 */
import type { LoginResponse, Submission } from '@kusanya/schemas';
import { PULL_MAX_BYTES, REMAINING_HEADER } from '@kusanya/shared/sync/protocol';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSynthetic } from '@kusanya/tools/synthetic/generate';
import { householdSubmission, startTestServer, type TestServer } from './helpers.js';

const MB = 1024 * 1024;
/** A record of about `mb` MB (its answers fail validation: it is stored as needs_correction, nothing lost). */
const bigRecord = (author: string, mb: number) =>
  householdSubmission(author, { data: { note: 'x'.repeat(Math.round(mb * MB)) } });
const pushOne = (server: TestServer, who: LoginResponse, doc: Submission) =>
  server.as(who.token, {
    method: 'POST',
    url: '/api/sync/submissions/push',
    payload: [{ assumedMasterState: null, newDocumentState: doc }],
  });
const versions = (server: TestServer) =>
  (server.app.ctx.db.prepare('SELECT count(*) AS n FROM submission_versions').get() as { n: number }).n;

/** Listens on a free port of 127.0.0.1 and returns it. */
async function listen(server: TestServer): Promise<number> {
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  return (server.app.server.address() as { port: number }).port;
}

/** A raw connection that sends the start of a push and then stalls; resolves with what the server answered. */
function stalledUpload(port: number, token: string, declared: number, sent: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(answer)));
  socket.write(
    `POST /api/sync/submissions/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n${'['.padEnd(sent, ' ')}`,
  );
  return { socket, closed };
}

describe('pull pages (finding 3)', () => {
  let server: TestServer;
  let enumerator: LoginResponse;
  beforeAll(async () => {
    server = await startTestServer();
    enumerator = await server.login('enumerator');
  }, 60_000);
  afterAll(() => server.close());

  it('stop at about PULL_MAX_BYTES whatever the limit asks, and the checkpoints still reach every change', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const doc = bigRecord(enumerator.user.id, 1.5);
      expect((await pushOne(server, enumerator, doc)).statusCode).toBe(200);
      ids.push(doc.id);
    }
    const seen: string[] = [];
    let pages = 0;
    for (let seq = 0; ;) {
      const res = await server.as(enumerator.token, {
        method: 'GET',
        url: `/api/sync/submissions/pull?seq=${seq}&limit=1000`,
      });
      const page = res.json<{ documents: Submission[]; checkpoint: { seq: number } }>();
      if (page.documents.length === 0) break;
      pages += 1;
      expect(res.body.length).toBeLessThan(PULL_MAX_BYTES + 1.6 * MB);
      seen.push(...page.documents.map((d) => d.id));
      expect(Number(res.headers[REMAINING_HEADER])).toBe(ids.length - seen.length);
      seq = page.checkpoint.seq;
    }
    expect(seen).toEqual(ids);
    expect(pages).toBeGreaterThanOrEqual(3);
  });
});

describe('storage quota of a user (finding 7)', () => {
  let server: TestServer;
  let enumerator: LoginResponse;
  let supervisor: LoginResponse;
  beforeAll(async () => {
    server = await startTestServer({ userQuotaDayMb: 3, userQuotaTotalMb: 5 });
    enumerator = await server.login('enumerator');
    supervisor = await server.login('supervisor');
  }, 60_000);
  afterAll(() => server.close());

  it('refuses a push past the day quota with 429 and Retry-After, storing nothing of it', async () => {
    expect((await pushOne(server, enumerator, bigRecord(enumerator.user.id, 1.2))).statusCode).toBe(200);
    expect((await pushOne(server, enumerator, bigRecord(enumerator.user.id, 1.2))).statusCode).toBe(200);
    const before = versions(server);
    const res = await pushOne(server, enumerator, bigRecord(enumerator.user.id, 1.2));
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: 'quota-exceeded', message: expect.stringContaining('3 MB') });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(versions(server)).toBe(before);
    // Small records still fit; another user is not affected.
    expect((await pushOne(server, enumerator, householdSubmission(enumerator.user.id))).statusCode).toBe(200);
    expect((await pushOne(server, supervisor, bigRecord(supervisor.user.id, 1.2))).statusCode).toBe(200);
  });

  it('refuses a push past the total quota with 413', async () => {
    const day = '2026-01-01';
    server.app.ctx.submissions.addUsage(supervisor.user.id, day, 4 * MB);
    const res = await pushOne(server, supervisor, bigRecord(supervisor.user.id, 0.5));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('storage-quota-exceeded');
  });
});

describe('uploads (finding 7)', () => {
  let server: TestServer;
  let port: number;
  let enumerator: LoginResponse;
  let supervisor: LoginResponse;
  beforeAll(async () => {
    server = await startTestServer({ requestTimeoutSeconds: 1, uploadsPerUser: 2 });
    port = await listen(server);
    enumerator = await server.login('enumerator');
    supervisor = await server.login('supervisor');
  }, 60_000);
  afterAll(() => server.close());

  it('a user has at most UPLOADS_PER_USER in flight: one more gets 429 before its body is read', async () => {
    const stalled = [1, 2].map(() => stalledUpload(port, enumerator.token, 200_000, 100_000));
    await new Promise((r) => setTimeout(r, 150));
    const third = await server.as(enumerator.token, {
      method: 'POST',
      url: '/api/sync/submissions/push',
      payload: [{ assumedMasterState: null, newDocumentState: bigRecord(enumerator.user.id, 0.1) }],
    });
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe('rate-limited');
    expect((await pushOne(server, supervisor, bigRecord(supervisor.user.id, 0.1))).statusCode).toBe(200);
    for (const s of stalled) s.socket.destroy();
  });

  it('a stalled upload is cut after REQUEST_TIMEOUT_SECONDS with 408 in the usual error body', async () => {
    const started = Date.now();
    const { closed } = stalledUpload(port, enumerator.token, 200_000, 1000);
    const answer = await closed;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { code: 'request-timeout' },
    });
    expect((await server.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await pushOne(server, enumerator, householdSubmission(enumerator.user.id))).statusCode).toBe(200);
  });
});

describe('exports nobody reads (finding 6)', () => {
  let server: TestServer;
  let port: number;
  let hq: LoginResponse;
  beforeAll(async () => {
    server = await startTestServer({ idleTimeoutSeconds: 3 });
    const ctx = server.app.ctx;
    await generateSynthetic(
      { db: ctx.db, forms: ctx.forms, locations: ctx.locations },
      { households: 12_000, seed: 12, until: new Date('2026-11-20T12:00:00Z'), days: 30, grievanceRate: 0 },
    );
    port = await listen(server);
    hq = await server.login('hq');
  }, 180_000);
  afterAll(() => server.close());

  /** Starts an export over HTTP, takes its headers, and then reads nothing. */
  const unread = () =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const request = httpGet(
        {
          host: '127.0.0.1',
          port,
          path: '/api/exports/individuals?format=csv',
          headers: { authorization: `Bearer ${hq.token}` },
        },
        (res) => {
          res.pause();
          // The server ends it: that is the point.
          res.on('error', () => undefined);
          resolve(res);
        },
      );
      request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
    });

  it('are ended after IDLE_TIMEOUT_SECONDS and their slots freed', async () => {
    const stuck = await Promise.all([unread(), unread(), unread()]);
    expect(stuck.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const fourth = await server.as(hq.token, { method: 'GET', url: '/api/exports/households?format=csv' });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.code).toBe('rate-limited');
    await new Promise((r) => setTimeout(r, 9000));
    expect(server.app.ctx.exportProgress.running()).toBe(0);
    const later = await server.as(hq.token, { method: 'GET', url: '/api/exports/households?format=csv' });
    expect(later.statusCode).toBe(200);
    for (const r of stuck) r.destroy();
  }, 30_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('POST /api/auth/login', () => {
  it('returns a token and the user with role and areas', async () => {
    const body = await server.login('enumerator');
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.user).toMatchObject({
      username: 'enumerator',
      role: 'enumerator',
      areas: ['CL03010101', 'CL03010102'],
    });
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'enumerator', password: 'nope-nope' },
    });
    const unknown = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ error: { code: 'invalid-credentials', message: 'Wrong username or password.' } });
  });

  it('refuses malformed JSON with 400 and a JSON error body', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid-json');
  });

  it('refuses a body of the wrong shape with the fields named', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x', password: 3 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation-failed', details: [{ path: 'body.password' }] });
  });

  it(
    'rate-limits repeated attempts for one username, and all attempts from one address',
    { timeout: 90_000 },
    async () => {
      const limited = await startTestServer({ loginRateLimitPerMinute: 3 });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) {
          const res = await limited.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'hq', password: 'wrong-password' },
          });
          statuses.push(res.statusCode);
        }
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
        const res = await limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'hq', password: 'wrong-password' },
        });
        expect(res.json().error.code).toBe('rate-limited');
        // Per IP and username (issue 12): a colleague behind the same address still logs in.
        const colleague = await limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'supervisor', password: 'kusanya-demo' },
        });
        expect(colleague.statusCode, colleague.body).toBe(200);
        // Many usernames from one address hit the per-IP bound (ten times the per-username one).
        const sprayed: number[] = [];
        for (let i = 0; i < 24; i++) {
          const attempt = await limited.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: `nobody-${i}`, password: 'wrong-password' },
          });
          sprayed.push(attempt.statusCode);
        }
        expect(sprayed.at(-1)).toBe(429);
        expect(sprayed.filter((status) => status === 401)).toHaveLength(30 - 7);
      } finally {
        await limited.close();
      }
    },
  );
});

describe('sessions', () => {
  it('GET /api/me needs a token, and logout revokes it', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const { token } = await server.login('supervisor');
    const me = await server.as(token, { method: 'GET', url: '/api/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { username: 'supervisor', areas: ['C0301'] },
      session: { deviceId: 'supervisor-device' },
    });
    expect((await server.as(token, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    const after = await server.as(token, { method: 'GET', url: '/api/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('stores tokens only as hashes and expires them', async () => {
    const { token } = await server.login('hq');
    const stored = server.app.ctx.db.prepare('SELECT token_hash, id FROM sessions').all() as {
      token_hash: string;
      id: string;
    }[];
    expect(stored.some((s) => s.token_hash === token)).toBe(false);
    server.app.ctx.db.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    const res = await server.as(token, { method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session-expired');
  });

  it('refuses a disabled account', async () => {
    server.app.ctx.users.setDisabled('grievance', true);
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'grievance', password: 'kusanya-demo' },
    });
    expect(res.statusCode).toBe(403);
    server.app.ctx.users.setDisabled('grievance', false);
  });
});

describe('unknown routes and health', () => {
  it('answers unknown API routes with a JSON 404', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not-found', message: 'No route GET /api/nope.' } });
  });

  it('reports health without a token', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: 'ok',
      storage: 'ok',
      message: null,
      backupCopy: { state: 'off' },
    });
    expect(Math.abs(Date.parse(res.json<{ time: string }>().time) - Date.now())).toBeLessThan(60_000);
  });

  it('publishes the OpenAPI document with the sync routes', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining(['/api/sync/submissions/push', '/api/auth/login']),
    );
  });
});

describe('GET /api/me/areas', () => {
  it("lists the user's areas with names, what lies below them and their ancestors", async () => {
    const { token } = await server.login('supervisor');
    const res = await server.as(token, { method: 'GET', url: '/api/me/areas' });
    const codes = res.json<{ areas: { code: string }[] }>().areas.map((a) => a.code);
    expect(codes).toEqual(expect.arrayContaining(['BI', 'P03', 'C0301', 'Z030101', 'CL03010101', 'CL03010202']));
    expect(codes).not.toContain('C0302');
    expect(codes).not.toContain('CL05010101');
  });
});

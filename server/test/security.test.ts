import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP } from '../src/plugins/security-headers.js';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ loginLockoutAttempts: 3, loginLockoutMinutes: 15 });
});
afterAll(() => server.close());

const login = (username: string, password: string) =>
  server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('security headers', () => {
  it('sends a strict policy and the usual protections on API answers, including errors', async () => {
    for (const url of ['/api/health', '/api/nope', '/api/me']) {
      const res = await server.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('never allows eval or inline scripts in the app policy', () => {
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toMatch(/unsafe-(eval|inline)/);
    expect(APP_CSP).toContain("frame-ancestors 'none'");
    expect(APP_CSP).toContain("object-src 'none'");
  });

  it('gives the API docs their own policy (swagger-ui), without inline scripts, framing or third parties', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/docs' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' ?;/);
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).not.toMatch(/unsafe-eval|validator\.swagger\.io|https:/);
  });

  it('sends HSTS only over TLS (here: a trusted proxy saying https)', async () => {
    const proxied = await startTestServer({ trustProxy: true });
    try {
      const https = await proxied.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const http = await proxied.app.inject({ method: 'GET', url: '/api/health' });
      expect(http.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
    // Without TRUST_PROXY a client cannot claim https.
    const spoofed = await server.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('CORS', () => {
  it('is closed by default: no other origin is ever allowed, preflights included', async () => {
    const simple = await server.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await server.app.inject({
      method: 'OPTIONS',
      url: '/api/sync/submissions/push',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.statusCode).toBe(404);
  });

  it('opens only to the origins listed in CORS_ORIGINS', async () => {
    const open = await startTestServer({ corsOrigins: ['https://mis.example.org'] });
    try {
      const preflight = await open.app.inject({
        method: 'OPTIONS',
        url: '/api/sync/submissions/pull',
        headers: { origin: 'https://mis.example.org', 'access-control-request-method': 'GET' },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://mis.example.org');
      expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
      const other = await open.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});

describe('request bodies', () => {
  it('refuses invalid UTF-8, deep nesting and prototype keys with a 400 and a JSON error', async () => {
    const send = (payload: string | Buffer) =>
      server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload,
      });
    const invalid = await send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('invalid-encoding');
    const deep = await send(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.code).toBe('too-deep');
    const proto = await send('{"username":"a","password":"b","__proto__":{"admin":true}}');
    expect(proto.statusCode).toBe(400);
    expect(proto.json().error.code).toBe('invalid-json');
    const ctor = await send('{"username":"a","password":"b","constructor":{"prototype":{"admin":true}}}');
    expect(ctor.statusCode).toBe(400);
  });

  it('limits the size of every route with a body', async () => {
    const withBody = server.app.routeTable.filter(
      (r) => r.url.startsWith('/api/') && ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method),
    );
    expect(withBody.length).toBeGreaterThan(10);
    const tokens = new Map<string, string>();
    const demoUser = {
      enumerator: 'enumerator',
      supervisor: 'supervisor',
      grievance_officer: 'grievance',
      hq: 'hq',
      admin: 'admin',
    } as const;
    for (const [role, username] of Object.entries(demoUser)) tokens.set(role, (await server.login(username)).token);
    for (const route of withBody) {
      // Authorised callers: size is checked when the body is read, after the token.
      const token = tokens.get(route.roles[0] ?? 'enumerator')!;
      // A tablet's rescue file (weeks of records) is the largest body the server takes.
      expect(route.bodyLimit, route.url).toBeLessThanOrEqual(64 * 1024 * 1024);
      const url = route.url.replace(/:(\w+)/g, (_m, p: string) =>
        p === 'id' ? '00000000-0000-7000-8000-000000000000' : 'x',
      );
      const res = await (route.public ? server.app.inject.bind(server.app) : (o: object) => server.as(token, o))({
        method: route.method as 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: `"${'x'.repeat(route.bodyLimit)}"`,
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(413);
      expect(res.json().error.code).toBe('payload-too-large');
    }
  });
});

describe('login lockout', () => {
  it('locks a username after repeated wrong passwords, says until when, and holds even for the right password', async () => {
    expect((await login('hq', 'wrong-password-1')).statusCode).toBe(401);
    expect((await login('HQ ', 'wrong-password-2')).statusCode).toBe(401);
    const third = await login('hq', 'wrong-password-3');
    expect(third.statusCode).toBe(429);
    const body = third.json().error;
    expect(body.code).toBe('account-locked');
    expect(body.message).toMatch(/locked until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(15 min\)/);
    expect(Date.parse(body.details[0].lockedUntil)).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(800);
    const right = await login('hq', 'kusanya-demo');
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('account-locked');
  });

  it('locks unknown usernames the same way, so a lock reveals nothing', async () => {
    for (let i = 0; i < 2; i++) expect((await login('nobody-here', 'whatever-123')).statusCode).toBe(401);
    expect((await login('nobody-here', 'whatever-123')).json().error.code).toBe('account-locked');
  });

  it('keeps the lock in the database (another app on the same data sees it) until an admin lifts it', async () => {
    expect((await login('supervisor', 'bad-1')).statusCode).toBe(401);
    expect((await login('supervisor', 'bad-2')).statusCode).toBe(401);
    expect((await login('supervisor', 'bad-3')).statusCode).toBe(429);
    // A second server process on the same database (a restart, or another worker) sees the same lock.
    const { buildApp } = await import('../src/app.js');
    const second = await buildApp({ ...server.app.ctx.config, loginLockoutAttempts: 3 });
    try {
      const res = await second.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'supervisor', password: 'kusanya-demo' },
      });
      expect(res.json().error.code).toBe('account-locked');
    } finally {
      await second.close();
    }
    const { token } = await server.login('admin');
    const users = (await server.as(token, { method: 'GET', url: '/api/admin/users' })).json().users as {
      id: string;
      username: string;
      lockedUntil: string | null;
    }[];
    const supervisor = users.find((u) => u.username === 'supervisor')!;
    expect(supervisor.lockedUntil).not.toBeNull();
    expect(
      (await server.as(token, { method: 'POST', url: `/api/admin/users/${supervisor.id}/unlock` })).statusCode,
    ).toBe(204);
    expect((await login('supervisor', 'kusanya-demo')).statusCode).toBe(200);
  });

  it('starts counting again after a successful login', async () => {
    expect((await login('enumerator', 'bad-1')).statusCode).toBe(401);
    expect((await login('enumerator', 'bad-2')).statusCode).toBe(401);
    expect((await login('enumerator', 'kusanya-demo')).statusCode).toBe(200);
    expect((await login('enumerator', 'bad-3')).statusCode).toBe(401);
  });
});

/**
 * Issue 12 finding 8: administrators manage only the users, devices and places of their own areas and never grant
 * more than they hold; the whole database (backups, audit log) is for administrators of the whole country. And
 * (Low) a device that logged in but never synced can be revoked. Each test failed before the fix.
 */
import type { AdminDevice, AdminUser, LoginResponse } from '@kusanya/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/usecases/users.js';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let provincial: LoginResponse;
let national: LoginResponse;
const PASSWORD = 'admin-scope-password';

beforeAll(async () => {
  server = await startTestServer();
  await createUser(server.app.ctx, { username: 'admin-p05', password: PASSWORD, role: 'admin', areas: ['P05'] });
  provincial = await server.login('admin-p05', PASSWORD);
  national = await server.login('admin');
}, 60_000);
afterAll(() => server.close());

const as = (who: LoginResponse, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  server.as(who.token, { method, url, ...(payload ? { payload } : {}) });
const userId = (username: string) => server.app.ctx.users.findByUsername(username)!.id;

describe('an administrator of one province', () => {
  it('cannot create national accounts, reset the national admin, or widen its own areas', async () => {
    for (const role of ['admin', 'hq']) {
      const res = await as(provincial, 'POST', '/api/admin/users', {
        username: `national-${role}`,
        password: PASSWORD,
        role,
        areas: ['BI'],
      });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('out-of-scope');
      expect(server.app.ctx.users.findByUsername(`national-${role}`)).toBeNull();
    }
    const reset = await as(provincial, 'POST', `/api/admin/users/${userId('admin')}/password`, {
      password: 'a new long passphrase',
    });
    expect(reset.statusCode).toBe(403);
    expect((await server.login('admin')).user.username).toBe('admin');

    const widen = await as(provincial, 'PATCH', `/api/admin/users/${userId('admin-p05')}`, { areas: ['BI'] });
    expect(widen.statusCode).toBe(403);
    expect(server.app.ctx.users.findByUsername('admin-p05')!.areas).toEqual(['P05']);
    for (const action of ['unlock', 'revoke-sessions']) {
      expect((await as(provincial, 'POST', `/api/admin/users/${userId('enumerator')}/${action}`)).statusCode).toBe(403);
    }
    expect(
      (await as(provincial, 'PATCH', `/api/admin/users/${userId('enumerator')}`, { disabled: true })).statusCode,
    ).toBe(403);
  });

  it('manages the accounts of its province, and lists only those', async () => {
    const created = await as(provincial, 'POST', '/api/admin/users', {
      username: 'enumerator-p05',
      password: PASSWORD,
      role: 'enumerator',
      areas: ['CL05010101'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const moved = await as(provincial, 'PATCH', `/api/admin/users/${created.json().id}`, { areas: ['CL05010102'] });
    expect(moved.statusCode, moved.body).toBe(200);
    const listed = (await as(provincial, 'GET', '/api/admin/users')).json<{ users: AdminUser[] }>().users;
    expect(listed.map((u) => u.username).sort()).toEqual(['admin-p05', 'enumerator-p05']);
    expect((await as(national, 'GET', '/api/admin/users')).json<{ users: AdminUser[] }>().users.length).toBeGreaterThan(
      5,
    );
  });

  it('imports places of its province only', async () => {
    const csv = (rows: string) => ({
      method: 'POST' as const,
      url: '/api/admin/areas/import',
      headers: { 'content-type': 'text/csv' },
      payload: `code,name,level,parent_code,scheme\n${rows}\n`,
    });
    const elsewhere = await server.as(provincial.token, csv('CL0301NEW,Elsewhere,colline,Z030101,2025'));
    expect(elsewhere.statusCode).toBe(403);
    expect(server.app.ctx.locationTree().has('CL0301NEW')).toBe(false);
    const renamed = await server.as(provincial.token, csv('P03,Gitega renamed,province,BI,2025'));
    expect(renamed.statusCode).toBe(403);
    const own = await server.as(provincial.token, csv('CL0501NEW,Own,colline,Z050101,2025'));
    expect(own.statusCode, own.body).toBe(200);
  });

  it("gives other systems' API tokens only its own areas, and lists and revokes only those", async () => {
    const assets = server.app.ctx.koboAssets.list().map((a) => a.uid);
    const token = (name: string, areas?: string[]) => ({
      name,
      assets: assets.slice(0, 1),
      ...(areas ? { areas } : {}),
    });
    // A token without areas reads the whole country; one of P03 reads another province.
    for (const body of [token('mis-national'), token('mis-p03', ['P03'])]) {
      const res = await as(provincial, 'POST', '/api/admin/api-tokens', body);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('out-of-scope');
      expect(server.app.ctx.apiTokens.byName(body.name)).toBeNull();
    }
    expect((await as(provincial, 'POST', '/api/admin/api-tokens', token('mis-p05', ['P05']))).statusCode).toBe(200);
    expect((await as(national, 'POST', '/api/admin/api-tokens', token('mis-bi'))).statusCode).toBe(200);
    const listed = (await as(provincial, 'GET', '/api/admin/api-tokens')).json<{ tokens: { name: string }[] }>();
    expect(listed.tokens.map((t) => t.name)).toEqual(['mis-p05']);
    expect((await as(provincial, 'POST', '/api/admin/api-tokens/mis-bi/revoke')).statusCode).toBe(403);
    expect(server.app.ctx.apiTokens.byName('mis-bi')?.revokedAt).toBeNull();
    expect((await as(provincial, 'POST', '/api/admin/api-tokens/mis-p05/revoke')).statusCode).toBe(200);
  });

  it('cannot take the whole database: backups and the audit log are for national administrators', async () => {
    for (const url of ['/api/admin/backups', '/api/admin/audit?limit=5', '/api/admin/audit/export?format=jsonl']) {
      const res = await as(provincial, 'GET', url);
      expect(res.statusCode, url).toBe(403);
      expect((await as(national, 'GET', url)).statusCode, url).toBe(200);
    }
    expect((await as(provincial, 'POST', '/api/admin/backups')).statusCode).toBe(403);
  });
});

describe('devices', () => {
  it('a tablet that logged in but never synced is listed and can be revoked (Low)', async () => {
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'enumerator', password: 'kusanya-demo', deviceId: 'lost-before-first-sync' },
    });
    const token = login.json<LoginResponse>().token;
    const listed = (await as(national, 'GET', '/api/admin/devices')).json<{ devices: AdminDevice[] }>().devices;
    expect(listed.find((d) => d.deviceId === 'lost-before-first-sync')).toMatchObject({
      lastSyncAt: null,
      activeSessions: 1,
    });
    expect((await as(provincial, 'POST', '/api/admin/devices/lost-before-first-sync/revoke')).statusCode).toBe(403);
    const revoked = await as(national, 'POST', '/api/admin/devices/lost-before-first-sync/revoke');
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toEqual({ sessionsEnded: 1 });
    expect((await server.as(token, { method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const after = (await as(national, 'GET', '/api/admin/devices')).json<{ devices: AdminDevice[] }>().devices;
    expect(after.find((d) => d.deviceId === 'lost-before-first-sync')?.revokedAt).toEqual(expect.any(String));
  });
});

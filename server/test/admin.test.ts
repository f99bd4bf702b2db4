import type { AdminDevice, AdminUser, AuditEntry, FormsPullResponse } from '@kusanya/schemas';
import { APP_VERSION_HEADER, QUEUE_HEADER } from '@kusanya/shared/sync/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_HOUSEHOLD_VERSION, startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = (await server.login('admin')).token;
});
afterAll(() => server.close());

const as = (options: Parameters<TestServer['as']>[1], token = admin) => server.as(token, options);
const users = async () => (await as({ method: 'GET', url: '/api/admin/users' })).json<{ users: AdminUser[] }>().users;
const userNamed = async (name: string) => (await users()).find((u) => u.username === name)!;
const me = (token: string) => server.as(token, { method: 'GET', url: '/api/me' });
const lastAudit = async (query = '') =>
  (await as({ method: 'GET', url: `/api/admin/audit?limit=1${query}` })).json<{ entries: AuditEntry[] }>().entries[0]!;

describe('users', () => {
  it('creates a user with role and areas, refusing weak passwords with every problem listed', async () => {
    const weak = await as({
      method: 'POST',
      url: '/api/admin/users',
      payload: { username: 'claude', password: 'claude', role: 'enumerator', areas: ['NOPE'] },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details).toEqual(
      expect.arrayContaining([
        {
          path: 'password',
          code: 'password-too-short',
          details: { min: 10 },
          message: expect.stringContaining('at least 10 characters'),
        },
        { path: 'areas', code: 'area-unknown', details: { area: 'NOPE' }, message: 'Unknown area NOPE.' },
      ]),
    );
    for (const password of ['azertyuiop', 'Password123', 'claude.ndayi', 'xxxxxxxxxxxx']) {
      const res = await as({
        method: 'POST',
        url: '/api/admin/users',
        payload: { username: 'claude.ndayi', password, role: 'enumerator', areas: ['CL03010101'] },
      });
      expect(res.statusCode, password).toBe(400);
    }
    const created = await as({
      method: 'POST',
      url: '/api/admin/users',
      payload: { username: 'claude', password: 'inzu yacu ni nziza', role: 'enumerator', areas: ['CL03010101'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      username: 'claude',
      role: 'enumerator',
      areas: ['CL03010101'],
      disabled: false,
      lockedUntil: null,
    });
    expect(created.json()).not.toHaveProperty('passwordHash');
    expect((await server.login('claude', 'inzu yacu ni nziza')).user.username).toBe('claude');
    expect(await lastAudit('&action=user.create')).toMatchObject({
      actor: 'admin',
      role: 'admin',
      action: 'user.create',
      outcome: 'success',
      status: 201,
      target: created.json().id,
      ip: '127.0.0.1',
      deviceId: 'admin-device',
    });
  });

  it('changes role and areas, and disabling ends every session at once', async () => {
    const claude = await userNamed('claude');
    const token = (await server.login('claude', 'inzu yacu ni nziza')).token;
    const changed = await as({
      method: 'PATCH',
      url: `/api/admin/users/${claude.id}`,
      payload: { role: 'supervisor', areas: ['C0301'] },
    });
    expect(changed.json()).toMatchObject({ user: { role: 'supervisor', areas: ['C0301'] }, sessionsEnded: 0 });
    expect((await me(token)).json().user).toMatchObject({ role: 'supervisor', areas: ['C0301'] });
    const disabled = await as({ method: 'PATCH', url: `/api/admin/users/${claude.id}`, payload: { disabled: true } });
    expect(disabled.json().sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await me(token)).statusCode).toBe(401);
    const again = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'claude', password: 'inzu yacu ni nziza' },
    });
    expect(again.json().error.code).toBe('account-disabled');
    await as({ method: 'PATCH', url: `/api/admin/users/${claude.id}`, payload: { disabled: false } });
  });

  it('resets a password: the old one stops working and every session of the user ends', async () => {
    const claude = await userNamed('claude');
    const token = (await server.login('claude', 'inzu yacu ni nziza')).token;
    const res = await as({
      method: 'POST',
      url: `/api/admin/users/${claude.id}/password`,
      payload: { password: 'a brand new passphrase' },
    });
    expect(res.json()).toEqual({ sessionsEnded: 1 });
    expect((await me(token)).statusCode).toBe(401);
    expect(
      (
        await server.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'claude', password: 'inzu yacu ni nziza' },
        })
      ).statusCode,
    ).toBe(401);
    expect((await server.login('claude', 'a brand new passphrase')).user.username).toBe('claude');
    const audited = await lastAudit('&action=user.reset-password');
    expect(JSON.stringify(audited)).not.toContain('a brand new passphrase');
  });

  it('logs a user out everywhere', async () => {
    const claude = await userNamed('claude');
    const tokens = [
      (await server.login('claude', 'a brand new passphrase')).token,
      (await server.login('claude', 'a brand new passphrase')).token,
    ];
    expect(
      (await as({ method: 'POST', url: `/api/admin/users/${claude.id}/revoke-sessions` })).json().sessionsEnded,
    ).toBeGreaterThanOrEqual(2);
    for (const token of tokens) expect((await me(token)).statusCode).toBe(401);
  });

  it('never leaves the programme without an active administrator', async () => {
    const self = await userNamed('admin');
    for (const payload of [{ disabled: true }, { role: 'hq' }]) {
      const res = await as({ method: 'PATCH', url: `/api/admin/users/${self.id}`, payload });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('last-admin');
    }
    expect(await lastAudit('&action=user.update')).toMatchObject({ outcome: 'failure', status: 409 });
  });
});

describe('areas', () => {
  const csv = (body: string) => ({ headers: { 'content-type': 'text/csv' }, payload: body });

  it('previews a file with every problem listed by row and column, and imports nothing', async () => {
    const file = [
      'code,name,level,Parent code,scheme,valid_from,valid_to',
      'CL03010103,Nouvelle,colline,Z030101,2025,2025-07-01,',
      'CL9,Orpheline,colline,Z999,2025,,',
      ',Sans code,zone,C0301,2025,,',
      'CL03010104,Dates,colline,Z030101,2025,2025-08-01,2025-07-01',
      'CL03010101,Mubuga,zone,C0301,2025,,',
    ].join('\n');
    const res = await as({ method: 'POST', url: '/api/admin/areas/import/preview', ...csv(file) });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ ok: false, committed: false });
    expect(report.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`)).toEqual([
      '3:parent_code',
      '4:code',
      '5:valid_to',
      '6:level',
    ]);
    expect(
      (await as({ method: 'GET', url: '/api/admin/areas?parent=Z030101' }))
        .json()
        .areas.map((a: { code: string }) => a.code),
    ).not.toContain('CL03010103');
    const refused = await as({ method: 'POST', url: '/api/admin/areas/import', ...csv(file) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toHaveLength(4);
  });

  it('imports a valid file in one go: new locations, and renamed or end-dated ones', async () => {
    const file = [
      'code,name,level,parent_code,scheme,valid_from,valid_to',
      'CL03010103,Nouvelle colline,colline,Z030101,2025,2025-07-01,',
      'CL03010102,Karera (renamed),colline,Z030101,2025,2025-07-01,',
      'CL03010101,Mubuga (sample),colline,Z030101,2025,2025-07-01,',
    ].join('\n');
    const preview = (await as({ method: 'POST', url: '/api/admin/areas/import/preview', ...csv(file) })).json();
    expect(preview).toMatchObject({ ok: true, create: 1, update: 2, unchanged: 0, byLevel: { colline: 3 } });
    const res = await as({ method: 'POST', url: '/api/admin/areas/import', ...csv(file) });
    expect(res.json()).toMatchObject({ ok: true, committed: true, create: 1 });
    const areas = (await as({ method: 'GET', url: '/api/admin/areas?parent=Z030101' })).json().areas as {
      code: string;
      name: string;
    }[];
    expect(areas.find((a) => a.code === 'CL03010102')?.name).toBe('Karera (renamed)');
    expect(areas.map((a) => a.code)).toContain('CL03010103');
    // The new colline is usable at once for scope.
    const claude = await userNamed('claude');
    expect(
      (await as({ method: 'PATCH', url: `/api/admin/users/${claude.id}`, payload: { areas: ['CL03010103'] } }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a body that is not UTF-8 text', async () => {
    const res = await as({
      method: 'POST',
      url: '/api/admin/areas/import/preview',
      headers: { 'content-type': 'text/csv' },
      payload: Buffer.from([0x63, 0x6f, 0xc3, 0x28]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid-encoding');
  });
});

describe('devices', () => {
  it('lists every device that synced with its user, app version and waiting records; revoking one ends its sessions', async () => {
    const tablet = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'enumerator', password: 'kusanya-demo', deviceId: 'tablet-42' },
    });
    const token = tablet.json().token as string;
    const pull = await server.as(token, {
      method: 'GET',
      url: '/api/sync/forms/pull?seq=0&limit=5',
      headers: { [APP_VERSION_HEADER]: '0.3.1', [QUEUE_HEADER]: '7' },
    });
    expect(pull.statusCode).toBe(200);
    const devices = (await as({ method: 'GET', url: '/api/admin/devices' })).json<{ devices: AdminDevice[] }>().devices;
    const device = devices.find((d) => d.deviceId === 'tablet-42')!;
    expect(device).toMatchObject({
      user: { username: 'enumerator', role: 'enumerator' },
      appVersion: '0.3.1',
      queue: 7,
      lastStatus: 200,
      ip: '127.0.0.1',
      activeSessions: 1,
      revokedAt: null,
    });
    expect(device.lastSyncAt).not.toBeNull();

    const revoked = await as({ method: 'POST', url: '/api/admin/devices/tablet-42/revoke' });
    expect(revoked.json()).toEqual({ sessionsEnded: 1 });
    expect((await server.as(token, { method: 'GET', url: '/api/sync/forms/pull?seq=0&limit=5' })).statusCode).toBe(401);
    const after = (await as({ method: 'GET', url: '/api/admin/devices' }))
      .json<{ devices: AdminDevice[] }>()
      .devices.find((d) => d.deviceId === 'tablet-42')!;
    expect(after.activeSessions).toBe(0);
    expect(after.revokedAt).not.toBeNull();
    expect(await lastAudit('&action=device.revoke')).toMatchObject({ target: 'tablet-42', outcome: 'success' });
    expect((await as({ method: 'POST', url: '/api/admin/devices/never-seen/revoke' })).statusCode).toBe(404);
  });

  it('ignores implausible version and queue headers', async () => {
    const { token } = await server.login('supervisor');
    await server.as(token, {
      method: 'GET',
      url: '/api/sync/forms/pull',
      headers: { [APP_VERSION_HEADER]: '<script>', [QUEUE_HEADER]: '-1' },
    });
    const device = (await as({ method: 'GET', url: '/api/admin/devices' }))
      .json<{ devices: AdminDevice[] }>()
      .devices.find((d) => d.deviceId === 'supervisor-device')!;
    expect(device).toMatchObject({ appVersion: null, queue: null });
  });

  it('releases a device key only to its own user on its own device, the same key every time', async () => {
    const a = (await server.login('enumerator')).token;
    const first = (await server.as(a, { method: 'POST', url: '/api/auth/device-key' })).json().key as string;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(
      (
        await server.as((await server.login('enumerator')).token, { method: 'POST', url: '/api/auth/device-key' })
      ).json().key,
    ).toBe(first);
    expect(
      (
        await server.as((await server.login('supervisor')).token, { method: 'POST', url: '/api/auth/device-key' })
      ).json().key,
    ).not.toBe(first);
  });
});

describe('forms', () => {
  it('publishes a new version, refuses changing a published one, and retires versions so devices stop offering them', async () => {
    const definition = server.app.ctx.forms.get('household_survey', SEEDED_HOUSEHOLD_VERSION)!.definition;
    const published = await as({
      method: 'POST',
      url: '/api/admin/forms',
      payload: { ...definition, version: '2026.12.0' },
    });
    expect(published.statusCode).toBe(201);
    expect(
      (await as({ method: 'POST', url: '/api/admin/forms', payload: { ...definition, version: '2026.12.0' } })).json()
        .outcome,
    ).toBe('unchanged');
    const changed = await as({
      method: 'POST',
      url: '/api/admin/forms',
      payload: { ...definition, version: '2026.12.0', notes: 'changed' },
    });
    expect(changed.statusCode).toBe(409);
    const invalid = await as({
      method: 'POST',
      url: '/api/admin/forms',
      payload: { ...definition, version: '2026.12.1', fields: 'nope' },
    });
    expect(invalid.statusCode).toBe(400);

    const { token } = await server.login('enumerator');
    const before = (
      await server.as(token, { method: 'GET', url: '/api/sync/forms/pull?seq=0&limit=100' })
    ).json<FormsPullResponse>();
    const retire = await as({
      method: 'POST',
      url: `/api/admin/forms/household_survey/${SEEDED_HOUSEHOLD_VERSION}/retire`,
    });
    expect(retire.json()).toEqual({
      formId: 'household_survey',
      version: SEEDED_HOUSEHOLD_VERSION,
      outcome: 'retired',
    });
    const changes = (
      await server.as(token, { method: 'GET', url: `/api/sync/forms/pull?seq=${before.checkpoint.seq}&limit=100` })
    ).json<FormsPullResponse>();
    expect(changes.documents).toEqual([
      expect.objectContaining({ id: `household_survey@${SEEDED_HOUSEHOLD_VERSION}`, status: 'retired' }),
    ]);
    expect(
      (await as({ method: 'POST', url: `/api/admin/forms/household_survey/${SEEDED_HOUSEHOLD_VERSION}/retire` })).json()
        .outcome,
    ).toBe('unchanged');
    expect((await as({ method: 'POST', url: '/api/admin/forms/household_survey/9.9.9/retire' })).statusCode).toBe(404);

    const list = (await as({ method: 'GET', url: '/api/admin/forms' })).json().forms as {
      formId: string;
      version: string;
      status: string;
    }[];
    const household = list.filter((f) => f.formId === 'household_survey').map((f) => `${f.version}:${f.status}`);
    expect(household.sort()).toEqual(['2026.12.0:published', `${SEEDED_HOUSEHOLD_VERSION}:retired`].sort());
  });
});

describe('audit log', () => {
  it('records refused and failed mutations too, with who, from where and the outcome', async () => {
    const { token } = await server.login('hq');
    await server.as(token, {
      method: 'POST',
      url: '/api/admin/users',
      payload: { username: 'x', password: 'y', role: 'hq', areas: ['BI'] },
    });
    expect(await lastAudit('&actor=hq&outcome=denied')).toMatchObject({
      actor: 'hq',
      role: 'hq',
      route: '/api/admin/users',
      status: 403,
      outcome: 'denied',
    });
    await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'mallory', password: 'guess-guess' },
    });
    expect(await lastAudit('&action=auth.login&outcome=denied')).toMatchObject({
      actor: 'mallory',
      actorId: null,
      status: 401,
    });
  });

  it('filters by actor, action, outcome and time, pages newest first, and exports as CSV (the export itself audited)', async () => {
    const page1 = (await as({ method: 'GET', url: '/api/admin/audit?limit=3&action=user.' })).json();
    expect(page1.entries).toHaveLength(3);
    expect(page1.entries.every((e: AuditEntry) => e.action.startsWith('user.'))).toBe(true);
    const page2 = (
      await as({ method: 'GET', url: `/api/admin/audit?limit=3&action=user.&before=${page1.next}` })
    ).json();
    expect(page2.entries[0].id).toBeLessThan(page1.entries[2].id);
    const created = (await as({ method: 'GET', url: '/api/admin/audit?action=user.create&outcome=success' })).json<{
      entries: AuditEntry[];
    }>().entries;
    const claude = await userNamed('claude');
    expect(created.find((e) => e.target === claude.id)?.targetName, 'the target in words').toBe('claude');
    const future = (await as({ method: 'GET', url: '/api/admin/audit?from=2999-01-01T00:00:00Z' })).json();
    expect(future.entries).toEqual([]);

    const res = await as({ method: 'GET', url: '/api/admin/audit/export?format=csv&action=user.' });
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="kusanya-audit-.*\.csv"/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,actor,actorId,role,action,method,route,target,status,outcome,deviceId,ip,requestId,details',
    );
    expect(lines.slice(1).every((l) => l.split(',')[5]?.startsWith('user.'))).toBe(true);
    expect(await lastAudit('&action=export.')).toMatchObject({ action: 'export.audit', actor: 'admin', method: 'GET' });
  });

  it('is append-only: the database refuses to change or delete an entry', () => {
    const db = server.app.ctx.db;
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

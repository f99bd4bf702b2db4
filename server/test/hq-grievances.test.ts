import type { TicketDetail, TicketListResponse } from '@kusanya/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/usecases/users.js';
import { startTestServer, type TestServer } from './helpers.js';
import { fileGrievance, hqWorld, registerHousehold, type HqWorld } from './hq-fixtures.js';

let server: TestServer;
let world: HqWorld;
let hq: string;
let officer: string;
let supervisor: string;

beforeAll(async () => {
  server = await startTestServer();
  world = await hqWorld(server);
  hq = (await server.login('hq')).token;
  officer = (await server.login('grievance')).token;
  supervisor = world.supervisor.token;
});
afterAll(() => server.close());

const get = (token: string, url: string) => server.as(token, { method: 'GET', url });
const post = (token: string, url: string, payload: object) => server.as(token, { method: 'POST', url, payload });
const detail = async (token: string, id: string) => {
  const res = await get(token, `/api/grievances/tickets/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TicketDetail>();
};

describe('ticket status transitions', () => {
  it('takes a ticket from RECEIVED to CLOSED with comments, a resolution and a timeline', async () => {
    const id = await fileGrievance(world);
    let t = await detail(officer, id);
    expect(t.ticket).toMatchObject({
      status: 'RECEIVED',
      code: expect.stringMatching(/^GRV-\d{4}-\d{6}$/),
      category: 'PAYMENT',
      overdue: false,
      version: 1,
    });
    expect(t.allowedTransitions).toEqual(['OPEN']);
    expect(t.reporter).toMatchObject({ name: 'Aline Irakoze', phone: '79123456' });

    const grievanceOfficer = t.assignees.find((a) => a.username === 'grievance')!;
    t = (
      await post(officer, `/api/grievances/tickets/${id}/assign`, {
        assigneeId: grievanceOfficer.id,
        version: t.ticket.version,
      })
    ).json<TicketDetail>();
    expect(t.ticket.assignedTo).toMatchObject({ username: 'grievance' });
    for (const [to, comment] of [
      ['OPEN', undefined],
      ['IN_PROGRESS', 'Appelé le bénéficiaire'],
      ['RESOLVED', 'Paiement versé le 25 novembre'],
      ['CLOSED', undefined],
    ] as const) {
      const res = await post(officer, `/api/grievances/tickets/${id}/status`, {
        to,
        version: t.ticket.version,
        ...(comment ? { comment } : {}),
      });
      expect(res.statusCode, res.body).toBe(200);
      t = res.json<TicketDetail>();
      expect(t.ticket.status).toBe(to);
    }
    await post(officer, `/api/grievances/tickets/${id}/comments`, { body: 'Dossier archivé' });
    t = await detail(officer, id);
    expect(t.ticket).toMatchObject({ status: 'CLOSED', resolvedAt: expect.any(String), closedAt: expect.any(String) });
    expect(t.comments.map((c) => [c.body, c.resolution, c.author])).toEqual([
      ['Appelé le bénéficiaire', false, 'grievance'],
      ['Paiement versé le 25 novembre', true, 'grievance'],
      ['Dossier archivé', false, 'grievance'],
    ]);
    expect(t.events.map((e) => `${e.kind}:${e.from ?? ''}>${e.to ?? ''}`)).toEqual([
      'assign:>grievance',
      'status:RECEIVED>OPEN',
      'status:OPEN>IN_PROGRESS',
      'status:IN_PROGRESS>RESOLVED',
      'status:RESOLVED>CLOSED',
    ]);
    expect(t.allowedTransitions).toEqual(['OPEN']);
  });

  it('refuses a jump that is not allowed, a resolution without text, and a stale version', async () => {
    const id = await fileGrievance(world);
    const t = await detail(hq, id);
    const jump = await post(hq, `/api/grievances/tickets/${id}/status`, {
      to: 'RESOLVED',
      version: t.ticket.version,
      comment: 'x',
    });
    expect(jump.statusCode).toBe(409);
    expect(jump.json().error).toMatchObject({
      code: 'transition-not-allowed',
      details: [{ from: 'RECEIVED', to: 'RESOLVED', allowed: ['OPEN'] }],
    });

    const open = (
      await post(hq, `/api/grievances/tickets/${id}/status`, { to: 'OPEN', version: t.ticket.version })
    ).json<TicketDetail>();
    const stale = await post(hq, `/api/grievances/tickets/${id}/status`, {
      to: 'IN_PROGRESS',
      version: t.ticket.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    const inProgress = (
      await post(hq, `/api/grievances/tickets/${id}/status`, { to: 'IN_PROGRESS', version: open.ticket.version })
    ).json<TicketDetail>();
    const noResolution = await post(hq, `/api/grievances/tickets/${id}/status`, {
      to: 'RESOLVED',
      version: inProgress.ticket.version,
    });
    expect(noResolution.statusCode).toBe(400);
    expect(noResolution.json().error.message).toMatch(/resolved/);
  });

  it('reopens a resolved ticket with a reason and gives it a new due date', async () => {
    const id = await fileGrievance(world, { category: 'INFORMATION', subcategory: 'INFO_PAYMENT_DATES' });
    let t = await detail(hq, id);
    for (const [to, comment] of [['OPEN'], ['IN_PROGRESS'], ['RESOLVED', 'Dates communiquées']] as const) {
      t = (
        await post(hq, `/api/grievances/tickets/${id}/status`, {
          to,
          version: t.ticket.version,
          ...(comment ? { comment } : {}),
        })
      ).json<TicketDetail>();
    }
    const dueBefore = t.ticket.dueAt;
    expect(
      (await post(hq, `/api/grievances/tickets/${id}/status`, { to: 'OPEN', version: t.ticket.version })).statusCode,
    ).toBe(400);
    t = (
      await post(hq, `/api/grievances/tickets/${id}/status`, {
        to: 'OPEN',
        version: t.ticket.version,
        comment: 'Le paiement n’est toujours pas arrivé',
      })
    ).json<TicketDetail>();
    expect(t.ticket).toMatchObject({ status: 'OPEN', resolvedAt: null });
    expect(t.ticket.dueAt > dueBefore).toBe(true);
  });
});

describe('SENSITIVE tickets', () => {
  let sensitiveId: string;
  let ordinaryId: string;
  beforeAll(async () => {
    sensitiveId = await fileGrievance(world, {
      category: 'VIOLENCE_GBV',
      subcategory: 'GBV_ECONOMIC',
      anonymous: 'yes',
      reporter_name: undefined,
      reporter_phone: undefined,
    });
    ordinaryId = await fileGrievance(world, { category: 'PHONE', subcategory: 'PHONE_LOST', channel: 'HOTLINE' });
  });

  it('are seen and handled by the grievance officers of the area only', async () => {
    const t = await detail(officer, sensitiveId);
    expect(t.ticket).toMatchObject({ sensitive: true, anonymous: true });
    expect(t.reporter).toBeNull();
    expect(t.assignees.map((a) => a.username)).toEqual(['grievance']);

    expect((await get(hq, `/api/grievances/tickets/${sensitiveId}`)).statusCode).toBe(404);
    expect((await post(hq, `/api/grievances/tickets/${sensitiveId}/comments`, { body: 'x' })).statusCode).toBe(404);
    const hqList = (await get(hq, '/api/grievances/tickets?limit=200')).json<TicketListResponse>();
    expect(hqList.items.map((i) => i.id)).not.toContain(sensitiveId);
    expect(hqList.items.map((i) => i.id)).toContain(ordinaryId);
    expect(hqList.counts.sensitive).toBe(0);

    const officerList = (await get(officer, '/api/grievances/tickets?sensitive=true')).json<TicketListResponse>();
    expect(officerList.items.map((i) => i.id)).toEqual([sensitiveId]);

    const elsewhere = await createUser(server.app.ctx, {
      username: 'grv-ngozi',
      password: 'kusanya-demo',
      role: 'grievance_officer',
      areas: ['P05'],
    });
    const far = (await server.login(elsewhere.username)).token;
    expect((await get(far, `/api/grievances/tickets/${sensitiveId}`)).statusCode).toBe(404);
    expect((await get(far, '/api/grievances/tickets')).json<TicketListResponse>().items).toEqual([]);
    expect((await get(supervisor, '/api/grievances/tickets')).statusCode).toBe(403);
  });

  it('cannot be assigned to HQ staff', async () => {
    const hqUser = server.app.ctx.users.findByUsername('hq')!;
    const t = await detail(officer, sensitiveId);
    const res = await post(officer, `/api/grievances/tickets/${sensitiveId}/assign`, {
      assigneeId: hqUser.id,
      version: t.ticket.version,
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('ticket list', () => {
  it('filters by status, category, channel, overdue and area, and counts per status', async () => {
    const overdueId = await fileGrievance(world, { category: 'VIOLENCE_GBV', subcategory: 'GBV_PHYSICAL' });
    server.app.ctx.db
      .prepare("UPDATE grievance_tickets SET due_at = '2020-01-01T00:00:00.000Z' WHERE id = ?")
      .run(overdueId);
    const list = (await get(officer, '/api/grievances/tickets?overdue=true')).json<TicketListResponse>();
    expect(list.items.map((i) => i.id)).toEqual([overdueId]);
    expect(list.items[0]).toMatchObject({ overdue: true, areaName: 'Mubuga (sample)' });
    expect(list.counts.overdue).toBe(1);

    const byChannel = (await get(officer, '/api/grievances/tickets?channel=HOTLINE')).json<TicketListResponse>();
    expect(byChannel.items.every((i) => i.channel === 'HOTLINE')).toBe(true);
    const closed = (
      await get(officer, '/api/grievances/tickets?status=CLOSED&status=RESOLVED')
    ).json<TicketListResponse>();
    expect(closed.items.every((i) => i.status === 'CLOSED' || i.status === 'RESOLVED')).toBe(true);
    expect(closed.counts.byStatus['RECEIVED']).toBeGreaterThan(0);
    expect((await get(officer, '/api/grievances/tickets?area=C0302')).json<TicketListResponse>().items).toEqual([]);

    const page1 = (await get(officer, '/api/grievances/tickets?limit=2&sort=received')).json<TicketListResponse>();
    const page2 = (
      await get(officer, `/api/grievances/tickets?limit=2&sort=received&cursor=${page1.nextCursor}`)
    ).json<TicketListResponse>();
    expect(page2.items.length).toBeGreaterThan(0);
    expect(page2.items.map((i) => i.id)).not.toContain(page1.items[0]!.id);
  });
});

describe('attachments and the registry link', () => {
  it('stores a scanned letter and gives it back; refuses other file types', async () => {
    const id = await fileGrievance(world);
    const pdf = Buffer.from('%PDF-1.4 letter of complaint');
    const res = await server.as(officer, {
      method: 'POST',
      url: `/api/grievances/tickets/${id}/attachments?filename=lettre%20de%20plainte.pdf`,
      headers: { 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(res.statusCode, res.body).toBe(201);
    const t = await detail(officer, id);
    expect(t.attachments).toMatchObject([
      { filename: 'lettre de plainte.pdf', contentType: 'application/pdf', size: pdf.length, uploadedBy: 'grievance' },
    ]);
    const file = await get(officer, `/api/grievances/tickets/${id}/attachments/${t.attachments[0]!.id}`);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const exe = await server.as(officer, {
      method: 'POST',
      url: `/api/grievances/tickets/${id}/attachments?filename=x.exe`,
      headers: { 'content-type': 'application/x-msdownload' },
      payload: Buffer.from('MZ'),
    });
    expect(exe.statusCode).toBe(415);
  });

  it('links a ticket to the household it names, both ways', async () => {
    const household = await registerHousehold(world, [
      { first_name: 'Odette', last_name: 'Kaneza', national_id: '5555/666.777' },
    ]);
    const byCode = await fileGrievance(world, { household_code: household.code.toLowerCase() });
    const byReporterId = await fileGrievance(world, { reporter_id: '5555 666 777' });
    const t = await detail(hq, byCode);
    expect(t.household).toEqual({ id: household.householdId, code: household.code });
    expect((await detail(officer, byCode)).household).toBeNull();
    const page = (await get(hq, `/api/registry/households/${household.householdId}`)).json();
    expect(page.grievances.map((g: { id: string; link: string }) => [g.id, g.link])).toEqual(
      expect.arrayContaining([
        [byCode, 'household_code'],
        [byReporterId, 'reporter_id'],
      ]),
    );
  });
});

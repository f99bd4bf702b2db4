import type { IndicatorDashboard, OperationsDashboard } from '@kusanya/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';
import { fileGrievance, fileReport, hqWorld, registerHousehold, type HqWorld } from './hq-fixtures.js';

let server: TestServer;
let world: HqWorld;
let hq: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  world = await hqWorld(server);
  hq = (await server.login('hq')).token;
  admin = (await server.login('admin')).token;
  await fileReport(world, {
    report_date: '2026-02-10',
    participants_men: 20,
    participants_women: 30,
    participants_batwa: 2,
  });
  await fileReport(world, {
    report_date: '2026-03-02',
    sessions: 2,
    participants_men: 10,
    participants_women: 10,
    participants_batwa: 1,
    colline: 'CL03010102',
    zone: 'Z030101',
  });
  await fileReport(world, { report_date: '2026-05-20', participants_men: 5, participants_women: 5 });
  await fileReport(world, { report_date: '2026-02-15', participants_men: 999, participants_women: 999 }, false);
  await fileReport(world, {
    activity_type: 'CASH_TRANSFER',
    report_date: '2026-02-20',
    households_planned: 100,
    households_paid: 80,
    amount_planned: 7_200_000,
    amount_paid: 5_760_000,
  });
  await registerHousehold(world, [{ first_name: 'Divine', last_name: 'Akimana' }]);
  await fileGrievance(world, { category: 'VIOLENCE_GBV', subcategory: 'GBV_PHYSICAL' });
  await fileGrievance(world);
});
afterAll(() => server.close());

const get = <T>(token: string, url: string) =>
  server.as(token, { method: 'GET', url }).then((r) => {
    expect(r.statusCode, r.body).toBe(200);
    return r.json<T>();
  });

describe('indicator dashboard', () => {
  it('sums validated reports by quarter and location with their disaggregations', async () => {
    const dash = await get<IndicatorDashboard>(
      hq,
      '/api/dashboards/indicators?from=2026-Q1&to=2026-Q2&area=C0301&level=colline',
    );
    expect(dash.quarters).toEqual(['2026-Q1', '2026-Q2']);
    expect(dash.area).toMatchObject({ code: 'C0301', level: 'commune' });
    expect(dash.locations.map((l) => l.code).sort()).toEqual(['CL03010101', 'CL03010102']);
    const q1 = dash.aggregates.filter((a) => a.quarter === '2026-Q1' && a.activityType === 'SENSITISATION_TRAINING');
    expect(q1.find((a) => a.location === 'CL03010101')).toMatchObject({
      reports: 1,
      sessions: 3,
      participantsMen: 20,
      participantsWomen: 30,
      participantsBatwa: 2,
      participantsDisability: 4,
      participantsRefugeesReturnees: 5,
    });
    const participants = dash.indicators.find((i) => i.code === 'SENS_PARTICIPANTS')!;
    expect(participants.quarters.map((q) => q.value)).toEqual([70, 10]);
    expect(participants.total.value).toBe(80);
    const rate = dash.indicators.find((i) => i.code === 'CT_PAYMENT_RATE')!;
    expect(rate.quarters[0]!.value).toBe(80);
  });

  it('shows progress against the targets the admin sets; others cannot set them', async () => {
    const targets = [
      { indicatorCode: 'SENS_PARTICIPANTS', quarter: '2026-Q1', area: 'BI', target: 100 },
      { indicatorCode: 'SENS_PARTICIPANTS', quarter: '2026-Q2', area: 'BI', target: 40 },
    ];
    expect(
      (await server.as(hq, { method: 'PUT', url: '/api/indicators/targets', payload: { targets } })).statusCode,
    ).toBe(403);
    const saved = await server.as(admin, { method: 'PUT', url: '/api/indicators/targets', payload: { targets } });
    expect(saved.statusCode, saved.body).toBe(200);
    const bad = await server.as(admin, {
      method: 'PUT',
      url: '/api/indicators/targets',
      payload: { targets: [{ indicatorCode: 'NOPE', quarter: '2026-Q1', area: 'BI', target: 1 }] },
    });
    expect(bad.statusCode).toBe(400);
    const dash = await get<IndicatorDashboard>(hq, '/api/dashboards/indicators?from=2026-Q1&to=2026-Q2');
    expect(dash.area.code).toBe('BI');
    expect(dash.level).toBe('province');
    const participants = dash.indicators.find((i) => i.code === 'SENS_PARTICIPANTS')!;
    expect(participants.quarters).toEqual([
      { quarter: '2026-Q1', value: 70, target: 100, progress: 70 },
      { quarter: '2026-Q2', value: 10, target: 40, progress: 25 },
    ]);
    expect(participants.total).toEqual({ value: 80, target: 140, progress: 57.1 });
  });

  it('lets the admin add an indicator to the catalogue', async () => {
    const body = {
      activityType: null,
      measure: 'participants_disability',
      name: { fr: 'Participants handicapés', rn: 'Abafise ubumuga', en: 'Participants with a disability' },
      unit: 'count',
      position: 90,
      active: true,
    };
    const res = await server.as(admin, { method: 'PUT', url: '/api/indicators/ALL_DISABILITY', payload: body });
    expect(res.statusCode, res.body).toBe(200);
    const dash = await get<IndicatorDashboard>(hq, '/api/dashboards/indicators?from=2026-Q1&to=2026-Q1');
    expect(dash.indicators.find((i) => i.code === 'ALL_DISABILITY')!.total.value).toBe(4 + 4 + 4);
    expect(
      (
        await server.as(admin, {
          method: 'PUT',
          url: '/api/indicators/ALL_DISABILITY',
          payload: { ...body, measure: 'nothing' },
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('operations dashboard', () => {
  it('counts submissions per day and enumerator, review decisions and delay, and grievances for HQ', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const dash = await get<OperationsDashboard>(hq, `/api/dashboards/operations?from=2026-01-01&to=${today}`);
    // Eight records were sent; the SENSITIVE (GBV) grievance is not counted for HQ (issue 12: a narrow filter, one
    // colline and one day, would reveal that one exists).
    const total = dash.submissionsPerDay.reduce((s, d) => s + d.count, 0);
    expect(total).toBe(7);
    expect(dash.submissionsPerDay.filter((d) => d.formId === 'grievance')).toEqual([
      expect.objectContaining({ count: 1 }),
    ]);
    expect(dash.enumerators).toEqual([
      expect.objectContaining({ username: 'enumerator', count: 7, approved: 6, waiting: 1 }),
    ]);
    expect(dash.reviews.totals).toEqual({ approve: 5, reject: 0, return: 0, total: 5 });
    expect(dash.reviews.rates.approve).toBe(1);
    expect(dash.reviews.delayHours.p50).toEqual(expect.any(Number));
    // The SENSITIVE (GBV) ticket is for grievance officers only: HQ's figures do not count it.
    expect(dash.grievances).toEqual({
      total: 1,
      overdue: 0,
      byCategory: [{ category: 'PAYMENT', count: 1, overdue: 0 }],
      byStatus: [expect.objectContaining({ count: 1 })],
    });
    const forSupervisor = await get<OperationsDashboard>(
      world.supervisor.token,
      `/api/dashboards/operations?from=2026-01-01&to=${today}`,
    );
    expect(forSupervisor.grievances).toBeNull();
    expect(forSupervisor.area.code).toBe('C0301');
    const elsewhere = await get<OperationsDashboard>(
      hq,
      `/api/dashboards/operations?from=2026-01-01&to=${today}&area=P05`,
    );
    expect(elsewhere.submissionsPerDay).toEqual([]);
  });

  it('refuses periods that make no sense', async () => {
    expect(
      (await server.as(hq, { method: 'GET', url: '/api/dashboards/operations?from=2026-05-01&to=2026-01-01' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await server.as(hq, { method: 'GET', url: '/api/dashboards/indicators?from=2026-Q3&to=2026-Q1' })).statusCode,
    ).toBe(400);
    expect(
      (
        await server.as(world.enumerator.token, {
          method: 'GET',
          url: '/api/dashboards/indicators?from=2026-Q1&to=2026-Q1',
        })
      ).statusCode,
    ).toBe(403);
  });
});

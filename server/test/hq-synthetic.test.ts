import type { HouseholdPage, IndicatorDashboard, RegistrySearchResponse } from '@kusanya/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSynthetic, type SyntheticReport } from '@kusanya/tools/synthetic/generate';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let report: SyntheticReport;
const until = new Date('2026-11-20T12:00:00Z');
const all = <T>(sql: string, ...params: unknown[]) => server.app.ctx.db.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => server.app.ctx.db.prepare(sql).get(...params) as T;

beforeAll(async () => {
  server = await startTestServer();
  const ctx = server.app.ctx;
  report = await generateSynthetic(
    { db: ctx.db, forms: ctx.forms, locations: ctx.locations },
    { households: 600, seed: 7, until, days: 400, grievanceRate: 0.1 },
  );
}, 120_000);
afterAll(() => server.close());

describe('synthetic national registry', () => {
  it('adds the 2025 scheme around the sample hierarchy, flagged as sample', () => {
    const levels = Object.fromEntries(
      all<{ level: string; n: number }>('SELECT level, count(*) AS n FROM locations GROUP BY level').map((r) => [
        r.level,
        r.n,
      ]),
    );
    expect(levels).toEqual({ country: 1, province: 5, commune: 42, zone: 447, colline: 3037 });
    expect(one<{ n: number }>('SELECT count(*) AS n FROM locations WHERE is_sample = 0').n).toBe(0);
    expect(one<{ name: string }>("SELECT name FROM locations WHERE code = 'CL03010101'").name).toBe('Mubuga (sample)');
    expect(report).toMatchObject({ households: 600, collines: 6 });
  });

  it('keeps the registry rules: one head and one primary recipient aged 18+, one active membership per person', () => {
    const bad = all(
      `SELECT h.id FROM households h JOIN memberships m ON m.household_id = h.id AND m.ended_at IS NULL
       GROUP BY h.id HAVING sum(m.role = 'HEAD') <> 1 OR sum(m.recipient = 'PRIMARY') <> 1 OR count(*) <> h.size`,
    );
    expect(bad).toEqual([]);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM individuals').n).toBe(report.individuals);
    expect(
      one<{ n: number }>('SELECT count(DISTINCT individual_id) AS n FROM memberships WHERE ended_at IS NULL').n,
    ).toBe(report.individuals);
    const youngRecipients = all(
      'SELECT i.id FROM memberships m JOIN individuals i ON i.id = m.individual_id WHERE m.recipient IS NOT NULL AND i.birth_year > 2008',
    );
    expect(youngRecipients).toEqual([]);
    const childOlderThanHead = all(
      `SELECT c.id FROM memberships mc JOIN individuals c ON c.id = mc.individual_id
       JOIN memberships mh ON mh.household_id = mc.household_id AND mh.role = 'HEAD' JOIN individuals h ON h.id = mh.individual_id
       WHERE mc.role IN ('SON', 'DAUGHTER') AND c.birth_year < h.birth_year + 12`,
    );
    expect(childOlderThanHead).toEqual([]);
    const sizes = all<{ size: number }>('SELECT size FROM households');
    const mean = sizes.reduce((s, r) => s + r.size, 0) / sizes.length;
    expect(mean).toBeGreaterThan(3.5);
    expect(mean).toBeLessThan(6.5);
  });

  it('writes the history approval writes: one "(created)" per household and person, one "(joined)" per membership', () => {
    const rows = one<{ created: number; joined: number; other: number }>(
      "SELECT sum(field = '(created)') AS created, sum(field = '(joined)') AS joined, sum(field NOT IN ('(created)', '(joined)')) AS other FROM registry_history",
    );
    expect(rows).toEqual({ created: 600 + report.individuals, joined: report.individuals, other: 0 });
    // Every review decision is in the dashboards' projection.
    expect(one<{ n: number }>('SELECT count(*) AS n FROM review_facts').n).toBe(
      one<{ n: number }>('SELECT count(*) AS n FROM reviews').n,
    );
  });

  it('is searchable and browsable like an approved registry', async () => {
    const hq = (await server.login('hq')).token;
    const person = one<{ first_name: string; last_name: string; id: string }>(
      'SELECT id, first_name, last_name FROM individuals ORDER BY id LIMIT 1 OFFSET 77',
    );
    const plain = `${person.first_name} ${person.last_name}`.normalize('NFD').replace(/\p{M}/gu, '');
    const res = (
      await server.as(hq, { method: 'GET', url: `/api/registry/search?q=${encodeURIComponent(plain)}&limit=100` })
    ).json<RegistrySearchResponse>();
    expect(res.items.map((i) => i.person?.id)).toContain(person.id);
    const householdId = res.items.find((i) => i.person?.id === person.id)!.household!.id;
    const page = (
      await server.as(hq, { method: 'GET', url: `/api/registry/households/${householdId}` })
    ).json<HouseholdPage>();
    expect(page.submissions[0]).toMatchObject({ formId: 'household_survey', status: 'approved' });
    expect(page.timeline[0]!.changes[0]).toMatchObject({ entity: 'household', field: '(created)' });
  });

  it('has grievance tickets at every stage and validated indicator reports with targets', async () => {
    const statuses = all<{ status: string }>('SELECT DISTINCT status FROM grievance_tickets').map((r) => r.status);
    expect(statuses).toEqual(expect.arrayContaining(['RECEIVED', 'CLOSED']));
    expect(
      all(
        "SELECT id FROM grievance_tickets WHERE sensitive <> (category IN ('VIOLENCE_GBV', 'CORRUPTION', 'ACCIDENT_NEGLIGENCE', 'DISCRIMINATION', 'MENTAL_ILLNESS'))",
      ),
    ).toEqual([]);
    expect(
      all("SELECT id FROM grievance_tickets WHERE status = 'CLOSED' AND (closed_at IS NULL OR resolved_at IS NULL)"),
    ).toEqual([]);
    const hq = (await server.login('hq')).token;
    const dash = (
      await server.as(hq, { method: 'GET', url: '/api/dashboards/indicators?from=2026-Q1&to=2026-Q3' })
    ).json<IndicatorDashboard>();
    const paid = dash.indicators.find((i) => i.code === 'CT_HOUSEHOLDS_PAID')!;
    expect(paid.total.value).toBeGreaterThan(0);
    expect(paid.total.target).toBeGreaterThan(0);
    expect(paid.total.progress).toBeGreaterThan(70);
  });
});

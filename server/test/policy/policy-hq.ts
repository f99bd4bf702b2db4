/**
 * Access policy of the HQ routes (DESIGN.md §5): the registry browser, dashboards, the indicator catalogue and
 * exports. HQ reads within its areas (the whole country for an area at country level), supervisors within their
 * communes; the catalogue is edited by admins. Part of POLICY (policy-table.ts).
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Actor, Fixtures, Role } from './fixtures.js';
import { FAR_COLLINE, FIXTURE_COLLINE } from './fixtures.js';
import { maySeeTicket } from './policy-grievances.js';
import { get, refused, type Policy, type Probe } from './policy-kit.js';

const REGISTRY_READERS: readonly Role[] = ['hq', 'supervisor'];
const DASHBOARD_READERS: readonly Role[] = ['hq', 'supervisor'];
const CATALOGUE_READERS: readonly Role[] = ['admin', 'hq', 'supervisor'];
const CATALOGUE_EDITORS: readonly Role[] = ['admin'];
const STAFF: readonly Role[] = ['hq', 'supervisor', 'grievance_officer', 'admin'];
const EXPORTERS: readonly Role[] = ['hq', 'supervisor', 'grievance_officer'];

/** An indicator of the catalogue shipped by migration 052. */
const INDICATOR = 'SENS_SESSIONS';
/** The fixture indicator report's quarter. */
const QUARTER = '2026-Q1';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Asking for the fixture commune's figures from outside it is refused (not answered with the caller's own). */
const otherAreaRefused =
  (url: string) =>
  (_f: Fixtures, a: Actor): Probe[] =>
    a.inside ? [] : [refused('the fixture commune', `${url}&area=C0301`, 403, 'out-of-scope')];

// Exports: one request per role with a dataset it may take; the other datasets as probes.
type Dataset = 'households' | 'individuals' | 'grievances' | 'indicator-reports' | 'full';
const EXPORT_DATASETS: Record<Role, Dataset[]> = {
  hq: ['households', 'individuals', 'grievances', 'indicator-reports', 'full'],
  supervisor: ['households', 'individuals', 'indicator-reports'],
  grievance_officer: ['grievances'],
  enumerator: [],
  admin: [],
};
const exportUrl = (dataset: Dataset) =>
  `/api/exports/${dataset}${dataset === 'full' ? '?format=json' : '?format=csv'}&status=all`;
/** The dataset of the main request: the grievances for those who may take them (SENSITIVE rows are the risk). */
const mainDataset = (a: Actor): Dataset => (a.role === 'supervisor' ? 'households' : 'grievances');

/** What an export may hold for an actor: the registry and reports of its areas, the tickets it may see. */
function checkExport(dataset: Dataset, res: LightMyRequestResponse, a: Actor, f: Fixtures) {
  const body = res.body;
  const where = `${dataset} export as ${a.label}`;
  if (dataset !== 'grievances' && dataset !== 'indicator-reports') {
    expect(body.includes(f.householdId), `${where}: fixture household`).toBe(a.inside);
    expect(body.includes(f.farHouseholdId), `${where}: far household`).toBe(f.inAreas(a, FAR_COLLINE));
  }
  if (dataset === 'indicator-reports' || dataset === 'full')
    expect(body.includes(f.reportId), `${where}: fixture report`).toBe(a.inside);
  if (dataset === 'grievances' || dataset === 'full') {
    for (const t of f.tickets)
      expect(body.includes(t.id), `${where}: ticket ${JSON.stringify(t)}`).toBe(maySeeTicket(f, a, t));
  }
}

export const HQ_POLICY: Record<string, Policy> = {
  // The registry browser: HQ and supervisors, only households of their areas.
  'GET /api/registry/search': {
    allow: REGISTRY_READERS,
    scope: 'own',
    request: get('/api/registry/search?limit=100'),
    check: (res, a, f) => {
      const households = (res.json().items as { household: { id: string; area: string } | null }[]).flatMap((i) =>
        i.household ? [i.household] : [],
      );
      expect(
        households.every((h) => f.inAreas(a, h.area)),
        JSON.stringify(households),
      ).toBe(true);
      expect(households.some((h) => h.id === f.householdId)).toBe(a.inside);
      expect(households.some((h) => h.id === f.farHouseholdId)).toBe(f.inAreas(a, FAR_COLLINE));
    },
    probes: (f, a) =>
      a.inside
        ? []
        : [
            {
              label: 'the fixture household by its code and colline',
              request: {
                method: 'GET',
                url: `/api/registry/search?q=${encodeURIComponent(f.householdCode)}&area=${FIXTURE_COLLINE}`,
              },
              check: (res) => expect(res.json().items).toEqual([]),
            },
          ],
  },
  'GET /api/registry/households/:id': {
    allow: REGISTRY_READERS,
    scope: 'capture',
    request: (f) => get(`/api/registry/households/${f.householdId}`)(),
    // Tickets naming the household: for HQ those it may see (never SENSITIVE); none for supervisors.
    check: (res, a, f) => {
      const page = res.json() as {
        household: { id: string };
        grievances: { id: string }[];
        grievancesVisible: boolean;
      };
      expect(page.household.id).toBe(f.householdId);
      const named = f.tickets.filter((t) => t.colline === FIXTURE_COLLINE);
      expect(page.grievances.map((g) => g.id).sort()).toEqual(
        named
          .filter((t) => maySeeTicket(f, a, t))
          .map((t) => t.id)
          .sort(),
      );
      expect(page.grievancesVisible).toBe(a.role === 'hq');
    },
  },
  // Location and form labels of the HQ screens' filters: reference data, the same for all staff.
  'GET /api/locations/children': {
    allow: STAFF,
    scope: 'none',
    request: get('/api/locations/children?parent=P03'),
    check: (res) => expect(res.json().items.some((l: { code: string }) => l.code === 'C0301')).toBe(true),
  },
  'GET /api/forms/:formId/labels': { allow: STAFF, scope: 'none', request: get('/api/forms/household_survey/labels') },

  // Dashboards: HQ and supervisors, figures of their areas only.
  'GET /api/dashboards/indicators': {
    allow: DASHBOARD_READERS,
    scope: 'own',
    request: get(`/api/dashboards/indicators?from=${QUARTER}&to=${QUARTER}&level=colline`),
    check: (res, a, f) => {
      const locations = (res.json().aggregates as { location: string | null }[]).map((x) => x.location);
      expect(
        locations.every((l) => l !== null && f.inAreas(a, l)),
        JSON.stringify(locations),
      ).toBe(true);
      expect(locations.includes(FIXTURE_COLLINE)).toBe(a.inside);
    },
    probes: otherAreaRefused(`/api/dashboards/indicators?from=${QUARTER}&to=${QUARTER}`),
  },
  'GET /api/dashboards/operations': {
    allow: DASHBOARD_READERS,
    scope: 'own',
    request: () => get(`/api/dashboards/operations?from=${day(-30)}&to=${day(0)}`)(),
    // Enumerators of the caller's areas only; grievance figures only for HQ, and never counting SENSITIVE tickets
    // (a narrow filter would reveal that one exists).
    check: (res, a, f) => {
      const body = res.json() as {
        enumerators: { enumeratorId: string }[];
        grievances: { byCategory: { category: string }[] } | null;
      };
      const ids = body.enumerators.map((e) => e.enumeratorId);
      expect(ids.includes(f.other.id)).toBe(a.inside);
      expect(ids.includes(f.far.id)).toBe(f.inAreas(a, FAR_COLLINE));
      expect(body.grievances === null).toBe(a.role !== 'hq');
      expect(body.grievances?.byCategory.some((c) => c.category === 'VIOLENCE_GBV') ?? false).toBe(false);
    },
    probes: otherAreaRefused(`/api/dashboards/operations?from=${day(-30)}&to=${day(0)}`),
  },

  // The indicator catalogue and its targets: read by HQ, supervisors and admins; edited by admins.
  'GET /api/indicators': {
    allow: CATALOGUE_READERS,
    scope: 'none',
    request: get('/api/indicators'),
    check: (res) => expect(res.json().indicators.some((i: { code: string }) => i.code === INDICATOR)).toBe(true),
  },
  'GET /api/indicators/targets': {
    allow: CATALOGUE_READERS,
    scope: 'none',
    request: get(`/api/indicators/targets?from=${QUARTER}&to=2026-Q4`),
  },
  'PUT /api/indicators/:code': {
    allow: CATALOGUE_EDITORS,
    scope: 'none',
    request: (_f, _a, n) => ({
      method: 'PUT',
      url: `/api/indicators/POLICY_${n}`,
      payload: {
        activityType: 'SENSITISATION_TRAINING',
        measure: 'sessions',
        name: { fr: `Politique ${n}`, rn: `Politike ${n}`, en: `Policy ${n}` },
        unit: 'count',
        position: 1000 + n,
        active: false,
      },
    }),
  },
  'PUT /api/indicators/targets': {
    allow: CATALOGUE_EDITORS,
    scope: 'capture',
    request: (_f, _a, n) => ({
      method: 'PUT',
      url: '/api/indicators/targets',
      payload: { targets: [{ indicatorCode: INDICATOR, quarter: QUARTER, area: 'BI', target: n }] },
    }),
  },

  // Exports: the registry and reports for HQ and supervisors, tickets for HQ and grievance officers, all within
  // the caller's areas and (for tickets) what it may see; the full JSON export for HQ only.
  'GET /api/exports/:dataset': {
    allow: EXPORTERS,
    scope: 'own',
    request: (_f, a) => get(exportUrl(mainDataset(a)))(),
    check: (res, a, f) => checkExport(mainDataset(a), res, a, f),
    probes: (f, a) => {
      const role = a.user!.role;
      const datasets: Dataset[] = ['households', 'individuals', 'grievances', 'indicator-reports', 'full'];
      return datasets
        .filter((d) => d !== mainDataset(a))
        .map((d): Probe =>
          EXPORT_DATASETS[role].includes(d)
            ? {
                label: `${d} export`,
                request: { method: 'GET', url: exportUrl(d) },
                check: (res) => checkExport(d, res, a, f),
              }
            : refused(`${d} export`, exportUrl(d), 403, 'forbidden'),
        );
    },
  },
  'GET /api/exports/progress/:id': {
    allow: EXPORTERS,
    scope: 'own',
    // The caller's own export, just finished; another user's export is not found.
    request: async (f, a): Promise<InjectOptions> => {
      const id = randomUUID();
      if (a.user && EXPORTERS.includes(a.user.role)) {
        const res = await f.server.as(f.token(a.user), {
          method: 'GET',
          url: `${exportUrl(mainDataset(a))}&progressId=${id}`,
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      return { method: 'GET', url: `/api/exports/progress/${id}` };
    },
    check: (res) => expect(res.json()).toMatchObject({ state: 'done', rows: expect.any(Number) }),
    probes: (f) => [
      refused('an export of the demo HQ account', `/api/exports/progress/${f.othersExportId}`, 404, 'not-found'),
    ],
  },
};

/**
 * THE access policy of every API route (DESIGN.md §5), checked by `policy.test.ts` against the server's own
 * route list: a route without an entry here fails the test, so no route can escape the policy.
 *
 * Adding a route? Add an entry keyed "METHOD /url" exactly as Fastify registers it (GET entries also cover the
 * automatic HEAD route). Say who may call it (`allow`), how its answer depends on the caller's areas (`scope`),
 * and how to build one valid request for an actor (`request`); add a `check` when an allowed answer must be
 * inspected (e.g. a SENSITIVE grievance must not appear for hq, only for a grievance officer of the area; an
 * export must hold only what the caller may read), and `probes` for what an allowed caller must still be refused
 * (e.g. a ticket of another area answers 404). Entries of the HQ routes live in policy-hq.ts and
 * policy-grievances.ts; the shape of an entry in policy-kit.ts.
 */
import type { Submission } from '@kusanya/schemas';
import type { InjectOptions } from 'fastify';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { deviceExportFile, householdSubmission } from '../helpers.js';
import { FAR_COLLINE, FIXTURE_COLLINE, PASSWORD, type Role } from './fixtures.js';
import { GRIEVANCE_POLICY } from './policy-grievances.js';
import { HQ_POLICY } from './policy-hq.js';
import { KOBO_POLICY } from './policy-kobo.js';
import { MEDIA_POLICY } from './policy-media.js';
import { get, post, runProbes, type Policy } from './policy-kit.js';

export type { Policy, Probe } from './policy-kit.js';

const INDICATOR_XLSX = readFileSync(new URL('../../../forms/indicator_report.xlsx', import.meta.url));

export const ALL: readonly Role[] = ['enumerator', 'supervisor', 'grievance_officer', 'hq', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const CAPTURE: readonly Role[] = ['enumerator', 'supervisor'];
const REVIEW_READERS: readonly Role[] = ['supervisor', 'hq'];
const REVIEW_DECIDERS: readonly Role[] = ['supervisor'];

const csv = (url: string, code: string) => (): InjectOptions => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'text/csv' },
  payload: `code,name,level,parent_code,scheme\n${code},Policy ${code},colline,Z030101,2025\n`,
});

export const POLICY: Record<string, Policy> = {
  // System and documentation: public (outside clients read the OpenAPI document).
  'GET /api/health': { allow: 'public', scope: 'none', request: get('/api/health') },
  'GET /api/docs': { allow: 'public', scope: 'none', request: get('/api/docs') },
  'HEAD /api/docs/': { allow: 'public', scope: 'none', request: () => ({ method: 'HEAD', url: '/api/docs/' }) },
  'GET /api/docs/static/index.html': { allow: 'public', scope: 'none', request: get('/api/docs/static/index.html') },
  'GET /api/docs/static/swagger-initializer.js': {
    allow: 'public',
    scope: 'none',
    request: get('/api/docs/static/swagger-initializer.js'),
  },
  'GET /api/docs/static/*': { allow: 'public', scope: 'none', request: get('/api/docs/static/swagger-ui.css') },
  'GET /api/docs/json': { allow: 'public', scope: 'none', request: get('/api/docs/json') },
  'GET /api/docs/yaml': { allow: 'public', scope: 'none', request: get('/api/docs/yaml') },

  // Authentication (DESIGN §3): login is public; the rest is the caller's own session.
  'POST /api/auth/login': {
    allow: 'public',
    scope: 'none',
    request: (_f, a) => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: a.user
        ? { username: a.user.username, password: PASSWORD, deviceId: 'policy-login' }
        : { username: 'enumerator', password: 'kusanya-demo' },
    }),
  },
  'POST /api/auth/logout': { allow: ALL, scope: 'none', request: post('/api/auth/logout') },
  'GET /api/me': {
    allow: ALL,
    scope: 'none',
    request: get('/api/me'),
    check: (res, a) => expect(res.json().user.id).toBe(a.user!.id),
  },
  'POST /api/auth/device-key': { allow: ALL, scope: 'none', request: post('/api/auth/device-key') },

  // Sync (DESIGN §3 rule 6): push own records in own collines; pull own submissions; forms for everyone.
  // A row for a colline outside the caller's areas is refused by itself (kept for its author as needs_correction,
  // naming the colline); another user's row makes the request a 403 (sync-submissions.test.ts).
  'POST /api/sync/submissions/push': {
    allow: CAPTURE,
    scope: 'own',
    check: (res, a) => {
      const [answered] = res.json() as Submission[];
      if (a.inside) expect(answered?.status ?? 'pending_review').toBe('pending_review');
      else {
        expect(answered?.status).toBe('needs_correction');
        expect(answered?.errors[0]).toMatchObject({ code: 'area-not-assigned', details: { area: FIXTURE_COLLINE } });
      }
    },
    request: (_f, a) => ({
      method: 'POST',
      url: '/api/sync/submissions/push',
      payload: [
        {
          assumedMasterState: null,
          newDocumentState: householdSubmission(a.user?.id ?? '00000000-0000-7000-8000-000000000000', {
            meta: {
              enumeratorId: a.user?.id ?? '00000000-0000-7000-8000-000000000000',
              deviceId: 'policy',
              startedAt: '2026-11-24T08:00:00.000Z',
              finalizedAt: '2026-11-24T08:10:00.000Z',
              area: FIXTURE_COLLINE,
            },
          }),
        },
      ],
    }),
  },
  'GET /api/sync/submissions/pull': {
    allow: ALL,
    scope: 'own',
    request: get('/api/sync/submissions/pull?seq=0&limit=1000'),
    check: (res, a, f) => {
      const docs = res.json().documents as { id: string; meta: { enumeratorId: string } }[];
      expect(docs.every((d) => d.meta.enumeratorId === a.user!.id)).toBe(true);
      expect(docs.some((d) => d.id === f.othersSubmission.id)).toBe(false);
    },
  },
  'GET /api/sync/households/pull': {
    allow: ALL,
    scope: 'own',
    request: get('/api/sync/households/pull?seq=0&limit=1000'),
    // Every role gets the households of its areas only (an HQ user of P05 none of P03's; issue 12 finding 8).
    check: (res, a, f) => {
      const ids = (res.json().documents as { id: string }[]).map((d) => d.id);
      expect(ids.includes(f.householdId)).toBe(a.inside);
      expect(ids.includes(f.farHouseholdId)).toBe(f.inAreas(a, FAR_COLLINE));
    },
  },
  'POST /api/sync/device-exports': {
    allow: ADMIN,
    scope: 'capture',
    request: (f) => ({
      method: 'POST',
      url: '/api/sync/device-exports',
      payload: deviceExportFile({ id: f.other.id, username: f.other.username }, [
        { assumedRev: null, doc: householdSubmission(f.other.id) },
      ]),
    }),
  },
  'GET /api/sync/forms/pull': { allow: ALL, scope: 'none', request: get('/api/sync/forms/pull?seq=0&limit=10') },
  // Form media: the files of published form versions, for every device that pulls the forms.
  'GET /api/forms/media/:sha256': {
    allow: ALL,
    scope: 'none',
    request: (f) => get(`/api/forms/media/${f.mediaSha}?name=policy.csv`)(),
  },

  // The caller's own areas, with names.
  'GET /api/me/areas': {
    allow: ALL,
    scope: 'own',
    request: get('/api/me/areas'),
    check: (res, a) =>
      expect(res.json().areas.some((x: { code: string }) => x.code === FIXTURE_COLLINE)).toBe(a.inside),
  },

  // Review (DESIGN §4–5): supervisors decide on records of their communes; HQ reads everywhere.
  'GET /api/review/queue': {
    allow: REVIEW_READERS,
    scope: 'own',
    request: get('/api/review/queue?limit=500'),
    check: (res, a, f) =>
      expect(res.json().items.some((i: { id: string }) => i.id === f.othersSubmission.id)).toBe(a.inside),
  },
  'GET /api/review/submissions/:id': {
    allow: REVIEW_READERS,
    scope: 'capture',
    request: (f) => get(`/api/review/submissions/${f.othersSubmission.id}`)(),
  },
  'POST /api/review/submissions/:id/decision': {
    allow: REVIEW_DECIDERS,
    scope: 'capture',
    request: async (f, _a, n) => {
      const { id, rev } = await f.pending(n);
      return {
        method: 'POST',
        url: `/api/review/submissions/${id}/decision`,
        payload: { decision: 'return', rev, comment: 'policy check' },
      };
    },
  },
  'POST /api/review/candidates/:id/decision': {
    allow: REVIEW_DECIDERS,
    scope: 'capture',
    request: async (f, _a, n) => ({
      method: 'POST',
      url: `/api/review/candidates/${await f.candidate(n)}/decision`,
      payload: { decision: 'different' },
    }),
  },
  'POST /api/review/bulk-approve': {
    allow: REVIEW_DECIDERS,
    scope: 'own',
    request: async (f, _a, n) => ({
      method: 'POST',
      url: '/api/review/bulk-approve',
      payload: { items: [await f.pending(n, true)] },
    }),
    check: (res, a) => {
      const [result] = res.json().results as { outcome: string; message?: string }[];
      if (a.inside) expect(result!.message ?? '').not.toMatch(/outside your areas/);
      else expect(result).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/outside your areas/) });
    },
  },
  'GET /api/review/team': {
    allow: REVIEW_READERS,
    scope: 'own',
    request: get('/api/review/team'),
    check: (res, a) =>
      expect(res.json().enumerators.some((e: { username: string }) => e.username === 'policy-other-enumerator')).toBe(
        a.inside,
      ),
  },

  // Administration (DESIGN §5: admin runs users, areas, forms, backups). Nobody else, whatever their areas.
  // Administrators manage the users, devices and places of their own areas only, never granting more than they
  // hold; whole-database actions (backups, the audit log) are for administrators of the whole country (issue 12).
  'GET /api/admin/users': {
    allow: ADMIN,
    scope: 'own',
    request: get('/api/admin/users'),
    check: (res, a, f) => expect(res.json().users.some((u: { id: string }) => u.id === f.other.id)).toBe(a.inside),
  },
  'POST /api/admin/users': {
    allow: ADMIN,
    scope: 'capture',
    request: (_f, _a, n) => ({
      method: 'POST',
      url: '/api/admin/users',
      payload: { username: `policy-new-${n}`, password: PASSWORD, role: 'enumerator', areas: [FIXTURE_COLLINE] },
    }),
  },
  'PATCH /api/admin/users/:id': {
    allow: ADMIN,
    scope: 'capture',
    request: async (f, _a, n) => ({
      method: 'PATCH',
      url: `/api/admin/users/${(await f.victim(n)).id}`,
      payload: { areas: ['CL03010102'] },
    }),
  },
  'POST /api/admin/users/:id/password': {
    allow: ADMIN,
    scope: 'capture',
    request: async (f, _a, n) => ({
      method: 'POST',
      url: `/api/admin/users/${(await f.victim(n)).id}/password`,
      payload: { password: 'another-long-password' },
    }),
  },
  'POST /api/admin/users/:id/unlock': {
    allow: ADMIN,
    scope: 'capture',
    request: async (f, _a, n) => post(`/api/admin/users/${(await f.victim(n)).id}/unlock`)(),
  },
  'POST /api/admin/users/:id/revoke-sessions': {
    allow: ADMIN,
    scope: 'capture',
    request: async (f, _a, n) => post(`/api/admin/users/${(await f.victim(n)).id}/revoke-sessions`)(),
  },
  'GET /api/admin/areas': { allow: ADMIN, scope: 'none', request: get('/api/admin/areas?level=commune') },
  'POST /api/admin/areas/import/preview': {
    allow: ADMIN,
    scope: 'none',
    request: (_f, _a, n) => csv('/api/admin/areas/import/preview', `CLP${n}`)(),
  },
  'POST /api/admin/areas/import': {
    allow: ADMIN,
    scope: 'capture',
    request: (_f, _a, n) => csv('/api/admin/areas/import', `CLP${n}`)(),
  },
  'GET /api/admin/devices': {
    allow: ADMIN,
    scope: 'own',
    request: get('/api/admin/devices'),
    check: (res, a, f) =>
      expect(res.json().devices.some((d: { user: { id: string } }) => d.user.id === f.other.id)).toBe(a.inside),
  },
  'POST /api/admin/devices/:deviceId/revoke': {
    allow: ADMIN,
    scope: 'capture',
    request: async (f, _a, n) => post(`/api/admin/devices/${await f.device(n)}/revoke`)(),
  },
  'GET /api/admin/forms': { allow: ADMIN, scope: 'none', request: get('/api/admin/forms') },
  'POST /api/admin/forms': {
    allow: ADMIN,
    scope: 'none',
    request: (f, _a, n) => post('/api/admin/forms', { ...f.form, version: `policy-${n}` })(),
  },
  'POST /api/admin/forms/import': {
    allow: ADMIN,
    scope: 'none',
    request: () => ({
      method: 'POST',
      url: '/api/admin/forms/import?publish=false',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      payload: INDICATOR_XLSX,
    }),
  },
  'POST /api/admin/forms/:formId/:version/retire': {
    allow: ADMIN,
    scope: 'none',
    request: (f, _a, n) => post(`/api/admin/forms/${f.form.formId}/${f.publishedVersion(n)}/retire`)(),
  },
  'GET /api/admin/audit': { allow: ADMIN, scope: 'capture', request: get('/api/admin/audit?limit=5') },
  'GET /api/admin/audit/export': {
    allow: ADMIN,
    scope: 'capture',
    request: get('/api/admin/audit/export?format=jsonl&action=user.'),
  },
  'GET /api/admin/backups': { allow: ADMIN, scope: 'capture', request: get('/api/admin/backups') },
  'POST /api/admin/backups': { allow: ADMIN, scope: 'capture', request: post('/api/admin/backups') },
  'POST /api/admin/backups/:name/verify': {
    allow: ADMIN,
    scope: 'capture',
    request: (f) => post(`/api/admin/backups/${f.backupName}/verify`)(),
  },
  'GET /api/admin/backups/:name/file': {
    allow: ADMIN,
    scope: 'capture',
    request: (f) => get(`/api/admin/backups/${f.backupName}/file`)(),
  },
  'POST /api/admin/backups/:name/copy': {
    allow: ADMIN,
    scope: 'capture',
    request: (f) => post(`/api/admin/backups/${f.backupName}/copy`)(),
  },
  'GET /api/admin/pairing': { allow: ADMIN, scope: 'none', request: get('/api/admin/pairing') },

  // HQ: registry browser, dashboards, indicator catalogue, exports (policy-hq.ts); grievance cases (policy-grievances.ts).
  ...HQ_POLICY,
  ...GRIEVANCE_POLICY,
  // Kobo's data API (API tokens only) and API token administration (policy-kobo.ts).
  ...KOBO_POLICY,
  ...MEDIA_POLICY,
};

/**
 * The entry of a registered route: GET entries cover their automatic HEAD route (without checks or probes).
 * An entry's probes are sent just before its request.
 */
export function policyOf(method: string, url: string): { key: string; policy: Policy | undefined } {
  const key = `${method} ${url}`;
  const entry = POLICY[key];
  if (entry) {
    const policy: Policy = entry.probes
      ? {
          ...entry,
          request: async (f, a, n) => {
            await runProbes(entry, f, a, n, key);
            return entry.request(f, a, n);
          },
        }
      : entry;
    return { key, policy };
  }
  const get = POLICY[`GET ${url}`];
  if (method !== 'HEAD' || !get) return { key, policy: undefined };
  return {
    key,
    policy: {
      ...get,
      request: async (f, a, n) => ({ ...(await get.request(f, a, n)), method: 'HEAD' }),
      check: undefined,
      probes: undefined,
    },
  };
}

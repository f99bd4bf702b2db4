/**
 * Issue 12, the data-level leak test: records of every kind in three collines of two provinces carry unique markers
 * (leak/world.ts says who may read each); every GET route of the server — read from its own route list, so a new
 * route falls in automatically — is called by every role inside and outside those areas, with the ids of everything
 * seeded and its query parameters varied one at a time (leak/requests.ts); exports are unpacked (XLSX cells read),
 * backups searched byte by byte. The test fails on any answer holding a marker its caller may not read, and on any
 * route that never answered with data (the test would not be looking at it). The policy table (policy.test.ts)
 * checks who may call a route; this one checks what comes back.
 */
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';
import { requestsFor } from './leak/requests.js';
import { buildLeakWorld, type LeakWorld } from './leak/world.js';

let server: TestServer;
let world: LeakWorld;

beforeAll(async () => {
  server = await startTestServer();
  world = await buildLeakWorld(server);
}, 180_000);
afterAll(() => server.close());

/** The text of an answer: XLSX files unpacked to their cells, everything else as bytes read as UTF-8. */
async function textOf(res: LightMyRequestResponse): Promise<string> {
  const raw = res.rawPayload;
  // A ZIP of media stores its files as they are (read below as bytes); a workbook is unpacked to its cells.
  if (raw.subarray(0, 2).toString('latin1') === 'PK' && raw.includes('xl/workbook.xml')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(raw as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
    return cells.join('\n');
  }
  return raw.toString('utf8');
}

/** Documentation and the app shell hold no data. */
const isDataRoute = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

describe('data-level confidentiality', () => {
  it('no GET route answers any caller with a marker it may not read', async () => {
    const routes = server.app.routeTable.filter((r) => r.method === 'GET' && isDataRoute(r.url));
    const searches = [...new Set(world.markers.filter((m) => m.kind !== 'case-note').map((m) => m.text))].slice(0, 6);
    const leaks: string[] = [];
    const answered = new Map<string, number>();
    let requests = 0;
    for (const route of routes) {
      const urls = requestsFor(route, world.pools, searches);
      answered.set(route.url, 0);
      for (const caller of world.callers) {
        const forbidden = world.markers.filter((m) => !world.mayRead(caller, m));
        for (const url of urls) {
          const res = await server.app.inject({
            method: 'GET',
            url,
            headers: caller.token ? { authorization: `${caller.apiToken ? 'Token' : 'Bearer'} ${caller.token}` } : {},
          });
          requests += 1;
          if (res.statusCode < 300) answered.set(route.url, answered.get(route.url)! + 1);
          const text = (await textOf(res)).toLowerCase();
          for (const m of forbidden) {
            if (text.includes(m.text.toLowerCase())) {
              leaks.push(`${caller.label} GET ${url} → ${res.statusCode}: ${m.what} (${m.kind}, ${m.area})`);
            }
          }
        }
      }
    }
    expect(leaks, `${leaks.length} leaks:\n${leaks.slice(0, 40).join('\n')}`).toEqual([]);
    const silent = [...answered].filter(([, n]) => n === 0).map(([url]) => url);
    expect(silent, 'routes never answered with data: teach leak/requests.ts how to call them').toEqual([]);
    process.stdout.write(
      `leak: ${routes.length} GET routes × ${world.callers.length} callers, ${requests} requests, ${world.markers.length} markers; no leak\n`,
    );
  }, 600_000);

  it('sees its markers where they belong (the test would notice nothing otherwise)', async () => {
    const ticketOf = (sensitive: boolean) =>
      world.pools.tickets.find((id) => server.app.ctx.grievanceCases.get(id)?.sensitive === sensitive)!;
    const officer = world.callers.find((c) => c.user?.username === 'leak-officer-p03')!;
    const detail = await server.app.inject({
      method: 'GET',
      url: `/api/grievances/tickets/${ticketOf(true)}`,
      headers: { authorization: `Bearer ${officer.token}` },
    });
    expect(world.markers.filter((m) => m.kind === 'sensitive' && detail.body.includes(m.text))).not.toEqual([]);
    const hq = world.callers.find((c) => c.user?.username === 'leak-hq-bi')!;
    const individuals = await server.app.inject({
      method: 'GET',
      url: '/api/exports/individuals?format=xlsx',
      headers: { authorization: `Bearer ${hq.token}` },
    });
    const cells = await textOf(individuals);
    expect(world.markers.filter((m) => m.kind === 'registry' && cells.includes(m.text)).length).toBeGreaterThan(10);
    // The MIS's token of province P05 reads the records of P05 through the Kobo API.
    const mis = world.callers.find((c) => c.label === 'api-token P05')!;
    const seen = new Set<string>();
    for (const uid of world.pools.assets) {
      const res = await server.app.inject({
        method: 'GET',
        url: `/api/v2/assets/${uid}/data?format=json&limit=1000`,
        headers: { authorization: `Token ${mis.token}` },
      });
      world.markers.filter((m) => res.body.includes(m.text)).forEach((m) => seen.add(`${m.kind} ${m.area}`));
    }
    expect([...seen].sort()).toEqual(['grievance CL05010101', 'sensitive CL05010101', 'submission CL05010101']);
  });
});

/** The `households` pull (DESIGN.md §3): the registry slice of the caller's collines, with members, for revisits. */
import type { HouseholdDoc, HouseholdsPullResponse, LoginResponse } from '@kusanya/schemas';
import { REMAINING_HEADER } from '@kusanya/shared/sync/protocol';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHouseholdDoc } from '@kusanya/tools/factories/registry';
import { seededRandom, syntheticHouseholdDoc } from '@kusanya/tools/factories/households';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
const logins: Record<string, LoginResponse> = {};
const random = seededRandom(7);
/** Households spread over collines of two provinces (P03: CL03…, P05: CL05…). */
const AREAS = ['CL03010101', 'CL03010102', 'CL03010201', 'CL03020101', 'CL05010101'];
const docs: HouseholdDoc[] = AREAS.flatMap((area, a) =>
  Array.from({ length: 4 }, (_, i) => syntheticHouseholdDoc(random, area, a * 10 + i)),
);

beforeAll(async () => {
  server = await startTestServer();
  for (const name of ['enumerator', 'supervisor', 'grievance', 'hq', 'admin']) logins[name] = await server.login(name);
  for (const doc of docs) registerHouseholdDoc(server.app.ctx.registry, server.app.ctx.locationTree(), doc);
});
afterAll(() => server.close());

const pullPage = (who: string, seq: number, limit = 100) =>
  server.as(logins[who]!.token, { method: 'GET', url: `/api/sync/households/pull?seq=${seq}&limit=${limit}` });

async function pullAll(who: string, limit = 3): Promise<HouseholdDoc[]> {
  const all: HouseholdDoc[] = [];
  for (let seq = 0; ;) {
    const res = await pullPage(who, seq, limit);
    expect(res.statusCode).toBe(200);
    const page = res.json<HouseholdsPullResponse>();
    if (page.documents.length === 0) return all;
    all.push(...page.documents);
    seq = page.checkpoint.seq;
  }
}
const areasOf = (list: HouseholdDoc[]) => [...new Set(list.map((d) => d.area))].sort();

describe('households pull', () => {
  it('gives an enumerator the households of their assigned collines, members included', async () => {
    const pulled = await pullAll('enumerator');
    expect(areasOf(pulled)).toEqual(['CL03010101', 'CL03010102']);
    expect(pulled).toHaveLength(8);
    const sample = docs.find((d) => d.id === pulled[0]!.id)!;
    expect(pulled[0]).toEqual(sample);
    expect(pulled[0]!.members).toHaveLength(5);
  });

  it('gives a supervisor the collines under their commune, a grievance officer those of their province, HQ and admin everything', async () => {
    expect(areasOf(await pullAll('supervisor'))).toEqual(['CL03010101', 'CL03010102', 'CL03010201']);
    expect(areasOf(await pullAll('grievance'))).toEqual(['CL03010101', 'CL03010102', 'CL03010201', 'CL03020101']);
    expect(await pullAll('hq')).toHaveLength(docs.length);
    expect(await pullAll('admin')).toHaveLength(docs.length);
  });

  it('sends a household again after the checkpoint when the registry changed it', async () => {
    const first = await pullPage('enumerator', 0, 1000);
    const checkpoint = first.json<HouseholdsPullResponse>().checkpoint.seq;
    expect(first.headers[REMAINING_HEADER]).toBe('0');

    const registry = server.app.ctx.registry;
    const change = (doc: HouseholdDoc, values: Record<string, unknown>) => {
      const h = registry.getHousehold(doc.id)!;
      registry.updateHousehold({
        ...h,
        version: 2,
        values: { ...h.values, ...values },
        updatedAt: new Date().toISOString(),
      });
    };
    const [a, b, elsewhere] = [docs[0]!, docs[1]!, docs.at(-1)!];
    change(a, { phone: '+257 79 000 000' });
    change(b, { rooms: 9 });
    change(elsewhere, { rooms: 2 }); // not in the enumerator's collines

    const res = await pullPage('enumerator', checkpoint, 1);
    expect(res.headers[REMAINING_HEADER]).toBe('1');
    const since = res.json<HouseholdsPullResponse>();
    const rest = (await pullPage('enumerator', since.checkpoint.seq)).json<HouseholdsPullResponse>();
    const changed = [...since.documents, ...rest.documents];
    expect(changed.map((d) => [d.id, d.version])).toEqual([
      [a.id, 2],
      [b.id, 2],
    ]);
    expect(changed[0]!.values['phone']).toBe('+257 79 000 000');
    expect(changed[0]!.members).toEqual(a.members);
  });

  it('needs a token, and compresses the answer when the device accepts gzip', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/api/sync/households/pull' })).statusCode).toBe(401);
    const res = await server.as(logins['hq']!.token, {
      method: 'GET',
      url: '/api/sync/households/pull?seq=0&limit=1000',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    const body = JSON.parse(gunzipSync(res.rawPayload).toString('utf8')) as HouseholdsPullResponse;
    expect(body.documents.length).toBe(docs.length);
    expect(res.rawPayload.length).toBeLessThan(JSON.stringify(body).length / 3);
  });
});

/**
 * Least privilege, proven: every route of the server (read from its own route list), called as every role
 * inside and outside the fixture's area and without a token, answers as POLICY (policy/policy-table.ts,
 * DESIGN.md §5) says. A route missing from the table fails the first test.
 */
import type { LightMyRequestResponse } from 'fastify';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';
import { buildFixtures, type Actor, type Fixtures } from './policy/fixtures.js';
import { POLICY, policyOf, type Policy } from './policy/policy-table.js';

let server: TestServer;
let f: Fixtures;

/** Every audit entry written, and whether it was written inside a database transaction (with its change). */
const recorded: { inTransaction: boolean; action: string }[] = [];
/** Off-machine copies go to a folder, so an administrator's "copy now" has somewhere to copy to. */
const copies = join(tmpdir(), `kusanya-policy-copies-${process.pid}`);

beforeAll(async () => {
  server = await startTestServer({ backupCopyDir: copies });
  f = await buildFixtures(server);
  const { audit, db } = server.app.ctx;
  const record = audit.record.bind(audit);
  audit.record = (input) => {
    recorded.push({ inTransaction: db.inTransaction, action: input.action });
    return record(input);
  };
}, 120_000);
afterAll(async () => {
  await server.close();
  rmSync(copies, { recursive: true, force: true });
});

const apiRoutes = () =>
  server.app.routeTable
    .filter((r) => r.url.startsWith('/api/'))
    .map((r) => ({ ...r, ...policyOf(r.method, r.url) }))
    .sort((a, b) => a.key.localeCompare(b.key));

function expectErrorBody(res: LightMyRequestResponse, code: string, where: string) {
  expect(res.statusCode, where).toBe(code === 'unauthenticated' ? 401 : 403);
  expect(res.headers['content-type'], where).toMatch(/^application\/json/);
  if (res.raw.req.method !== 'HEAD') expect(res.json().error.code, where).toBe(code);
}

/** What the policy promises this actor, checked on the real answer. */
function judge(policy: Policy, actor: Actor, res: LightMyRequestResponse, where: string) {
  if (policy.allow === 'public') {
    expect(res.statusCode, where).toBeLessThan(400);
    return;
  }
  if (actor.role === 'anonymous' || policy.allow === 'api-token') return expectErrorBody(res, 'unauthenticated', where);
  if (!policy.allow.includes(actor.role)) return expectErrorBody(res, 'forbidden', where);
  if (policy.scope === 'capture' && !actor.inside) return expectErrorBody(res, 'out-of-scope', where);
  expect(res.statusCode, `${where}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
  if (res.raw.req.method !== 'HEAD') policy.check?.(res, actor, f);
}

/**
 * A change and its audit entry commit together (issue 12 finding 9): every successful request that may change
 * something wrote its entry inside the transaction of its change, before answering.
 */
function expectAuditedWithChange(method: string, res: LightMyRequestResponse, entries: typeof recorded, where: string) {
  if (['GET', 'HEAD', 'OPTIONS'].includes(method) || res.statusCode >= 300) return;
  expect(
    entries.some((e) => e.inTransaction),
    `${where}: audit entries ${JSON.stringify(entries)}`,
  ).toBe(true);
}

describe('access policy of every route', () => {
  it('has an entry for every registered /api route, and no entry for a route that does not exist', () => {
    const routes = apiRoutes();
    expect(
      routes.filter((r) => !r.policy).map((r) => r.key),
      'routes without a policy entry',
    ).toEqual([]);
    const registered = new Set(routes.map((r) => r.key));
    expect(
      Object.keys(POLICY).filter((key) => !registered.has(key)),
      'policy entries for unknown routes',
    ).toEqual([]);
  });

  it('declares the same roles on the route as the policy table', () => {
    for (const route of apiRoutes()) {
      if (!route.policy || route.url.startsWith('/api/docs')) continue;
      if (route.policy.allow === 'public') expect(route.public, route.key).toBe(true);
      else if (route.policy.allow === 'api-token') expect(route.apiToken, route.key).toBe(true);
      else expect([...route.roles].sort(), route.key).toEqual([...route.policy.allow].sort());
    }
  });

  it('answers every route × role × area case as the policy says', async () => {
    let n = 0;
    const cases: string[] = [];
    for (const route of apiRoutes()) {
      const policy = route.policy!;
      for (const actor of f.actors) {
        n += 1;
        const where = `${route.key} as ${actor.label}`;
        const request = await policy.request(f, actor, n);
        const before = recorded.length;
        const res = actor.user ? await server.as(f.token(actor.user), request) : await server.app.inject(request);
        judge(policy, actor, res, where);
        expectAuditedWithChange(route.method, res, recorded.slice(before), where);
        cases.push(where);
      }
    }
    const routes = apiRoutes().length;
    expect(cases).toHaveLength(routes * f.actors.length);
    process.stdout.write(
      `policy: ${routes} routes × ${f.actors.length} callers (anonymous + 5 roles × inside/outside) = ${cases.length} cases checked\n`,
    );
  }, 180_000);
});

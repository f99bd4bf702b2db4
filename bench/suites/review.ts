/**
 * review (issue 5):
 * - approval throughput: pending households (5 members each) pushed as an enumerator, then approved by a
 *   supervisor through `POST /api/review/bulk-approve` (500 per request) → households approved per second;
 * - duplicate detection cost at push time: the time `recordDuplicateCandidates` adds to each household
 *   submission, measured inside the push path's own function against a registry of 315,000 households
 *   (1.5 million individuals; quick: 20,000) → median and p95 milliseconds per submission.
 */
import type { LoginResponse, ReviewQueueResponse, Submission } from '@kusanya/schemas';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 } from 'uuid';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { householdKeys } from '../../server/src/domain/registry/household-answers.js';
import { registerHouseholdDoc } from '@kusanya/tools/factories/registry';
import { demoSeedDeps, seedDemoIfEmpty } from '@kusanya/tools/seed/demo';
import { seededRandom, syntheticHouseholdDoc } from '@kusanya/tools/factories/households';
import { importFormWorkbook } from '../../server/src/usecases/form-import.js';
import { recordDuplicateCandidates } from '../../server/src/usecases/review/duplicates.js';
import { percentile } from '../lib/stats.js';
import type { BenchSuite, Figure } from '../lib/types.js';
import { submissionFixture } from '@kusanya/tools/factories/submission';

async function post<T>(url: string, token: string | null, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Household answers with names unique to `i`, so no duplicate candidates block bulk approval. */
function household(i: number): Record<string, unknown> {
  const data = sampleHousehold(5);
  const members = (data['members'] as Record<string, unknown>[]).map((m, j) => {
    const { national_id: _nid, ...rest } = m;
    return { ...rest, last_name: `Bench ${i} ${j}` };
  });
  return { ...data, members };
}

async function withServer<T>(
  run: (app: Awaited<ReturnType<typeof buildApp>>, version: string) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-bench-review-'));
  const app = await buildApp({
    ...loadConfig({}),
    dataDir,
    clientDir: null,
    logLevel: 'silent',
    loginRateLimitPerMinute: 1000,
  });
  try {
    await seedDemoIfEmpty(demoSeedDeps(app.ctx.db));
    const buffer = readFileSync(new URL('../../forms/household_survey.xlsx', import.meta.url));
    const version = (await importFormWorkbook(app.ctx.forms, buffer, { publish: true })).definition.version;
    return await run(app, version);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function approvalThroughput(quick: boolean): Promise<Figure[]> {
  const total = quick ? 1000 : 10_000;
  return withServer(async (app, version) => {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = (username: string) =>
      post<LoginResponse>(`${base}/api/auth/login`, null, { username, password: 'kusanya-demo' });
    const enumerator = await login('enumerator');
    const supervisor = await login('supervisor');
    const now = new Date().toISOString();
    const pending: { id: string; rev: number }[] = [];
    for (let start = 0; start < total; start += 500) {
      const rows = Array.from({ length: Math.min(500, total - start) }, (_, k) => ({
        assumedMasterState: null,
        newDocumentState: submissionFixture({
          formVersion: version,
          data: household(start + k),
          meta: { enumeratorId: enumerator.user.id, deviceId: 'bench', startedAt: now, finalizedAt: now },
          updatedAt: Date.now(),
        }),
      }));
      const answered = await post<Submission[]>(`${base}/api/sync/submissions/push`, enumerator.token, rows);
      const bad = answered.find((d) => d.status !== 'pending_review');
      if (bad) throw new Error(`bench data invalid: ${JSON.stringify(bad.errors)}`);
      pending.push(...answered.map(({ id, rev }) => ({ id, rev })));
    }

    const queueStarted = performance.now();
    const page = (await (
      await fetch(`${base}/api/review/queue?limit=500`, { headers: { authorization: `Bearer ${supervisor.token}` } })
    ).json()) as ReviewQueueResponse;
    const queueMs = performance.now() - queueStarted;
    if (page.counts.total !== total) throw new Error(`queue shows ${page.counts.total} of ${total}`);

    const started = performance.now();
    for (let start = 0; start < pending.length; start += 500) {
      const result = await post<{ results: { outcome: string; message?: string }[] }>(
        `${base}/api/review/bulk-approve`,
        supervisor.token,
        {
          items: pending.slice(start, start + 500),
        },
      );
      const refused = result.results.find((r) => r.outcome !== 'approved');
      if (refused) throw new Error(`bulk approval refused a clean record: ${JSON.stringify(refused)}`);
    }
    const seconds = (performance.now() - started) / 1000;
    return [
      {
        name: `approval throughput (${total} households × 5 members, HTTP bulk-approve of 500)`,
        value: Math.round(total / seconds),
        unit: 'households/s',
        target: { op: '>=', value: 1000 },
      },
      { name: `review queue page of 500 (of ${total} waiting)`, value: Math.round(queueMs), unit: 'ms' },
    ];
  });
}

async function duplicateCost(quick: boolean, log: (line: string) => void): Promise<Figure[]> {
  const households = quick ? 20_000 : 315_000;
  const probes = quick ? 300 : 2000;
  return withServer(async (app) => {
    const { ctx } = app;
    const tree = ctx.locationTree();
    const collines = tree.within(['BI'], 'colline');
    const random = seededRandom(315);
    const seeded = performance.now();
    for (let start = 0; start < households; start += 10_000) {
      ctx.db.transaction(() => {
        for (let i = start; i < Math.min(households, start + 10_000); i++) {
          registerHouseholdDoc(
            ctx.registry,
            tree,
            syntheticHouseholdDoc(random, collines[i % collines.length]!, i),
            'bench',
          );
        }
      })();
      log(`registry: ${Math.min(households, start + 10_000)} households`);
    }
    const seedSeconds = (performance.now() - seeded) / 1000;
    const times: number[] = [];
    for (let i = 0; i < probes; i++) {
      // Half the probes reuse a registered person's name, so lookups find candidates as in the field.
      const data = household(1_000_000 + i);
      if (i % 2 === 0) {
        const existing = syntheticHouseholdDoc(seededRandom(315 + i), 'CL03010101', i);
        const head = existing.members[0]!.values;
        (data['members'] as Record<string, unknown>[])[0] = {
          ...(data['members'] as Record<string, unknown>[])[0],
          first_name: head['first_name'],
          last_name: head['last_name'],
        };
      }
      // What intake gives the duplicate search (server/src/usecases/intake-analysis.ts).
      const answers = householdKeys(data, new Date());
      const started = performance.now();
      ctx.db.transaction(() =>
        recordDuplicateCandidates(
          ctx,
          { submissionId: v7(), area: 'CL03010101', commune: 'C0301', householdId: null },
          answers,
        ),
      )();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return [
      {
        name: `duplicate detection per household submission (registry ${households} households), median`,
        value: Number(percentile(times, 50).toFixed(3)),
        unit: 'ms',
        target: { op: '<=', value: 1 },
      },
      {
        name: 'duplicate detection per household submission, p95',
        value: Number(percentile(times, 95).toFixed(3)),
        unit: 'ms',
      },
      {
        name: `synthetic registry written (${households} households, ${households * 5} individuals)`,
        value: Number(seedSeconds.toFixed(1)),
        unit: 's',
      },
    ];
  });
}

export const suite: BenchSuite = {
  name: 'review',
  description: 'approval throughput over HTTP, and the duplicate-detection cost of a push at national scale',
  async run({ quick, log }) {
    return [...(await approvalThroughput(quick)), ...(await duplicateCost(quick, log))];
  },
};

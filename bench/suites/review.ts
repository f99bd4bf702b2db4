/**
 * Review benchmark: approval throughput through the HTTP API (issue 5).
 * 10,000 pending households (5 members each) are pushed as an enumerator, then approved by a supervisor
 * with bulk-approve requests of 500 → households approved per second.
 * Standalone: `npx tsx bench/suites/review.ts [--quick]`.
 */
import type { LoginResponse, ReviewQueueResponse, Submission } from '@kusanya/schemas';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 } from 'uuid';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { seedDemoIfEmpty } from '../../server/src/seed/demo.js';
import { importFormWorkbook } from '../../server/src/services/form-import.js';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

async function post<T>(url: string, token: string | null, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Households with distinct names, so no duplicate candidates block bulk approval. */
function household(i: number): Record<string, unknown> {
  const data = sampleHousehold(5);
  const members = (data['members'] as Record<string, unknown>[]).map((m, j) => {
    const { national_id: _nid, ...rest } = m;
    return { ...rest, last_name: `Bench ${i} ${j}` };
  });
  return { ...data, members };
}

export async function run(options: { quick: boolean }): Promise<Figure[]> {
  const total = options.quick ? 1000 : 10_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-bench-review-'));
  const app = await buildApp({ ...loadConfig({}), dataDir, clientDir: null, logLevel: 'silent', loginRateLimitPerMinute: 1000 });
  try {
    await seedDemoIfEmpty(app.ctx);
    const definition = (
      await importFormWorkbook(app.ctx.forms, readFileSync(new URL('../../forms/household_survey.xlsx', import.meta.url)), { publish: true })
    ).definition;
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = (username: string) => post<LoginResponse>(`${base}/api/auth/login`, null, { username, password: 'kusanya-demo' });
    const enumerator = await login('enumerator');
    const supervisor = await login('supervisor');

    const now = new Date().toISOString();
    const pending: { id: string; rev: number }[] = [];
    for (let start = 0; start < total; start += 500) {
      const rows = Array.from({ length: Math.min(500, total - start) }, (_, k): { assumedMasterState: null; newDocumentState: Submission } => ({
        assumedMasterState: null,
        newDocumentState: {
          id: v7(),
          formId: 'household_survey',
          formVersion: definition.version,
          data: household(start + k),
          meta: { enumeratorId: enumerator.user.id, deviceId: 'bench', startedAt: now, finalizedAt: now, area: 'CL03010101' },
          status: 'submitted',
          review: null,
          errors: [],
          rev: 1,
          updatedAt: Date.now(),
          _deleted: false,
        },
      }));
      const answered = await post<Submission[]>(`${base}/api/sync/submissions/push`, enumerator.token, rows);
      const bad = answered.filter((d) => d.status !== 'pending_review');
      if (bad.length > 0) throw new Error(`bench data invalid: ${JSON.stringify(bad[0]!.errors)}`);
      pending.push(...answered.map(({ id, rev }) => ({ id, rev })));
    }

    // A supervisor's queue page (500 records with their answers), for reference.
    const queueStarted = performance.now();
    const page = (await (await fetch(`${base}/api/review/queue?limit=500`, { headers: { authorization: `Bearer ${supervisor.token}` } })).json()) as ReviewQueueResponse;
    const queueMs = performance.now() - queueStarted;
    if (page.counts.total !== total) throw new Error(`queue shows ${page.counts.total} of ${total}`);

    const started = performance.now();
    let approved = 0;
    for (let start = 0; start < pending.length; start += 500) {
      const result = await post<{ results: { outcome: string; message?: string }[] }>(`${base}/api/review/bulk-approve`, supervisor.token, {
        items: pending.slice(start, start + 500),
      });
      const refused = result.results.find((r) => r.outcome !== 'approved');
      if (refused) throw new Error(`bulk approval refused a clean record: ${JSON.stringify(refused)}`);
      approved += result.results.length;
    }
    const seconds = (performance.now() - started) / 1000;
    if (approved !== total) throw new Error(`approved ${approved} of ${total}`);
    return [
      { name: 'review: households approved (5 members each)', value: approved, unit: 'households' },
      { name: 'review: approval throughput (HTTP bulk-approve, 500 per request)', value: Math.round(approved / seconds), unit: 'households/s', goal: '≥ 1000' },
      { name: `review: queue page of 500 (of ${total} waiting)`, value: Math.round(queueMs), unit: 'ms' },
    ];
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await run({ quick: process.argv.includes('--quick') });
  for (const f of figures) process.stdout.write(`${f.name.padEnd(70)} ${String(f.value).padStart(10)} ${f.unit}${f.goal ? `  (goal ${f.goal})` : ''}\n`);
}

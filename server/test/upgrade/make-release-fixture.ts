/**
 * Writes the upgrade test's fixture for a release: a database made by THAT release's code, with rows in every
 * table, as a gzipped SQLite file (server/test/fixtures/releases/<name>.sqlite.gz). Run it on the release's own
 * commit, before the next release's migrations exist (e.g. in a clean checkout of the release with this
 * repository's node_modules), then commit the file:
 *   npx tsx server/test/upgrade/make-release-fixture.ts <name> server/test/fixtures/releases
 * It goes through the release's real paths (demo seed, a small synthetic registry, logins and a lockout, a device
 * key, pushes, duplicate decisions, approval, a grievance attachment, a device export import) and fails when a
 * table is left empty.
 */
import type { DuplicateCandidate, LoginResponse, SubmissionReview, TicketListResponse } from '@kusanya/schemas';
import type { InjectOptions } from 'fastify';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DEMO_PASSWORD, demoSeedDeps, seedDemoIfEmpty } from '@kusanya/tools/seed/demo';
import { generateSynthetic } from '@kusanya/tools/synthetic/generate';
import { grievanceAnswers } from '@kusanya/tools/factories/records';
import { deviceExportFile, householdSubmission } from '../helpers.js';

const [name, outDir] = process.argv.slice(2);
if (!name || !outDir) throw new Error('usage: make-release-fixture.ts <release name> <output directory>');

const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-release-fixture-'));
const app = await buildApp({ ...loadConfig({}), dataDir, clientDir: null, logLevel: 'silent', intakeWorkers: 0 });
const ctx = app.ctx;
await seedDemoIfEmpty(demoSeedDeps(ctx.db));
await generateSynthetic({ db: ctx.db, forms: ctx.forms, locations: ctx.locations }, { households: 12, seed: 7 });

async function call<T>(token: string | null, options: InjectOptions, expected = 200): Promise<T> {
  const res = await app.inject({
    ...options,
    headers: { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  if (res.statusCode !== expected)
    throw new Error(`${options.method} ${options.url}: ${res.statusCode} (expected ${expected}) ${res.body}`);
  return (res.body ? res.json() : null) as T;
}
const login = (username: string, deviceId: string) =>
  call<LoginResponse>(null, {
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD, deviceId },
  });

// A failed login (a lockout counter), the tablet's login and its escrowed key.
await call(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'hq', password: 'wrong' } }, 401);
const enumerator = await login('enumerator', 'release-tablet-1');
await call(enumerator.token, { method: 'POST', url: '/api/auth/device-key' });
const push = (doc: ReturnType<typeof householdSubmission>) =>
  call(enumerator.token, {
    method: 'POST',
    url: '/api/sync/submissions/push',
    payload: [{ assumedMasterState: null, newDocumentState: doc }],
  });

// A household approved into the registry, then the same people again: duplicate candidates, decided.
const supervisor = await login('supervisor', 'release-laptop-1');
const review = (id: string) =>
  call<SubmissionReview>(supervisor.token, { method: 'GET', url: `/api/review/submissions/${id}` });
const first = householdSubmission(enumerator.user.id);
await push(first);
await call(supervisor.token, {
  method: 'POST',
  url: `/api/review/submissions/${first.id}/decision`,
  payload: { decision: 'approve', rev: (await review(first.id)).submission.rev },
});
const again = householdSubmission(enumerator.user.id);
await push(again);
const candidates: DuplicateCandidate[] = (await review(again.id)).candidates;
if (candidates.length < 2) throw new Error(`expected duplicate candidates, got ${candidates.length}`);
for (const candidate of candidates)
  await call(supervisor.token, {
    method: 'POST',
    url: `/api/review/candidates/${candidate.id}/decision`,
    payload: { decision: 'different' },
  });
await call(supervisor.token, {
  method: 'POST',
  url: `/api/review/submissions/${again.id}/decision`,
  payload: { decision: 'approve', rev: (await review(again.id)).submission.rev },
});
// "Same person" links need a person who left their household first; the release's repository records one.
const someone = ctx.db.prepare<[], { id: string }>('SELECT id FROM individuals LIMIT 1').get()!;
ctx.review.addAlias(`${again.id}#0`, someone.id, again.id, 'supervisor', new Date().toISOString());
// A household still waiting for review (pending people and household), sent twice (two versions).
const waiting = householdSubmission(enumerator.user.id);
waiting.data = {
  ...waiting.data,
  members: (waiting.data['members'] as Record<string, unknown>[]).map((m, i) => ({
    ...m,
    last_name: `Waiting ${i}`,
    national_id: undefined,
  })),
};
await push(waiting);
await call(enumerator.token, {
  method: 'POST',
  url: '/api/sync/submissions/push',
  payload: [{ assumedMasterState: { ...waiting, status: 'pending_review' }, newDocumentState: { ...waiting, rev: 2 } }],
});

// A grievance (a ticket at once), with a comment and a file.
const grievanceForm = ctx.forms.listLatest().find((f) => f.formId === 'grievance')!.definition;
await push(
  householdSubmission(enumerator.user.id, {
    formId: 'grievance',
    formVersion: grievanceForm.version,
    data: grievanceAnswers(),
  }),
);
const officer = await login('grievance', 'release-laptop-2');
const tickets = await call<TicketListResponse>(officer.token, { method: 'GET', url: '/api/grievances/tickets' });
const ticket = tickets.items[0];
if (!ticket) throw new Error('the grievance did not become a ticket');
await call(officer.token, {
  method: 'POST',
  url: `/api/grievances/tickets/${ticket.id}/comments`,
  payload: { body: 'Called the reporter back.' },
});
await call(
  officer.token,
  {
    method: 'POST',
    url: `/api/grievances/tickets/${ticket.id}/attachments?filename=letter.pdf`,
    headers: { 'content-type': 'application/pdf' },
    payload: Buffer.from('%PDF-1.4 a letter from the reporter'),
  },
  201,
);

// A tablet's "export unsynced records" file, imported by the administrator.
const admin = await login('admin', 'release-office-1');
await call(admin.token, {
  method: 'POST',
  url: '/api/sync/device-exports',
  payload: deviceExportFile({ id: enumerator.user.id, username: enumerator.user.username }, [
    { assumedRev: null, doc: householdSubmission(enumerator.user.id) },
  ]),
});

const counts = ctx.db
  .prepare<[], { name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  )
  .all()
  .map(
    ({ name: table }) =>
      [table, (ctx.db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n] as const,
  );
const empty = counts.filter(([, n]) => n === 0).map(([t]) => t);
await app.close();
if (empty.length > 0) throw new Error(`tables left empty: ${empty.join(', ')}`);

// One self-contained file (no WAL), compacted.
const Database = (await import('better-sqlite3')).default;
const source = new Database(join(dataDir, 'kusanya.sqlite'));
const compact = join(dataDir, 'fixture.sqlite');
source.exec(`VACUUM INTO '${compact}'`);
source.close();
mkdirSync(outDir, { recursive: true });
const target = resolve(outDir, `${name}.sqlite.gz`);
writeFileSync(target, gzipSync(readFileSync(compact), { level: 9 }));
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`${target}: ${counts.length} tables, every one with rows\n`);

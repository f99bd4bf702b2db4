/**
 * ingest: synthetic household submissions (5 members each) pushed over HTTP to a real server process on
 * 127.0.0.1 in batches of 100, with 1 and with 4 concurrent clients; and, in the same run, the floor: the same
 * rows written straight into better-sqlite3 with the same durability settings (WAL, synchronous=FULL, one
 * transaction per 100 records). "The same rows" are all the push wrote, read back from the server's database:
 * the submission's versions and master, and the rows intake adds (people and household waiting for review,
 * duplicate candidates). The floor of the submission rows alone is reported beside it.
 *
 * The load is shaped like the programme's: each client is the enumerator of one commune of the sample locations
 * (the collines the shipped forms list), with households spread over that commune's four collines: about
 * 13,000 households per commune at full size (a real commune has about 7,500). Duplicate detection therefore
 * sees a realistic density of namesakes, not all the load in two collines of one commune.
 */
import type { Submission } from '@kusanya/schemas';
import { canonicalJson } from '@kusanya/shared/sync/protocol';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../server/src/config.js';
import { createContext } from '../../server/src/context.js';
import { databasePath, openDatabase } from '../../server/src/db/database.js';
import { reviewRepository, type CandidateRecord, type PersonProbe } from '../../server/src/repositories/review.js';
import { submissionsRepository } from '../../server/src/repositories/submissions.js';
import { DEMO_PASSWORD, demoSeedDeps, seedDemoIfEmpty } from '@kusanya/tools/seed/demo';
import { seededRandom, syntheticHouseholdSubmission } from '@kusanya/tools/factories/households';
import { createUser } from '../../server/src/usecases/users.js';
import { httpClient, startBenchServer } from '../lib/server.js';
import { percentile, round } from '../lib/stats.js';
import type { BenchSuite, Figure } from '../lib/types.js';

const BATCH = 100;
const CLIENTS = 4;

interface Enumerator {
  username: string;
  commune: string;
  collines: string[];
}

/**
 * Before the server starts: the demo (sample locations: 4 communes of 4 collines, users, forms) and one
 * enumerator per client, each assigned one of the communes.
 */
async function prepareDataDir(dataDir: string): Promise<Enumerator[]> {
  const db = openDatabase(databasePath(dataDir));
  try {
    const ctx = createContext(db, { ...loadConfig({}), dataDir });
    await seedDemoIfEmpty(demoSeedDeps(ctx.db));
    const locations = ctx.locations.list();
    const parent = new Map(locations.map((l) => [l.code, l.parentCode]));
    const communes = locations
      .filter((l) => l.level === 'commune')
      .map((l) => l.code)
      .slice(0, CLIENTS);
    if (communes.length < CLIENTS)
      throw new Error(`the sample locations have ${communes.length} communes, ${CLIENTS} are needed`);
    const enumerators = communes.map((commune, i) => ({
      username: `bench-enumerator-${i + 1}`,
      commune,
      collines: locations
        .filter((l) => l.level === 'colline' && parent.get(parent.get(l.code) ?? '') === commune)
        .map((l) => l.code),
    }));
    for (const e of enumerators) {
      await createUser(ctx, { username: e.username, password: DEMO_PASSWORD, role: 'enumerator', areas: [e.commune] });
    }
    return enumerators;
  } finally {
    db.close();
  }
}

/** Captures in time order (as devices create UUIDv7 ids), ten minutes apart, over the enumerator's collines. */
function makeSubmissions(enumeratorId: string, collines: string[], count: number, seed: number): Submission[] {
  const random = seededRandom(seed);
  const start = Date.UTC(2026, 10, 1) + seed * 10 ** 9;
  return Array.from({ length: count }, (_, i) =>
    syntheticHouseholdSubmission(
      random,
      enumeratorId,
      collines[Math.floor(random() * collines.length)]!,
      start + i * 600_000,
    ),
  );
}

const batches = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) => items.slice(i * BATCH, (i + 1) * BATCH));

interface Run {
  perSecond: number;
  p50: number;
  p95: number;
}

/** Concurrent devices, each pushing its own batches (gzip bodies, as the app sends them) until all are acknowledged. */
async function pushAll(
  url: string,
  devices: { token: string; bodies: Buffer[] }[],
): Promise<Run & { records: number }> {
  const http = httpClient(url, devices.length);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    devices.map(async ({ token, bodies }) => {
      const queue = [...bodies];
      for (let next = queue.shift(); next; next = queue.shift()) {
        const t0 = performance.now();
        const res = await http.send(
          'POST',
          '/api/sync/submissions/push',
          {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            'accept-encoding': 'gzip',
            authorization: `Bearer ${token}`,
          },
          next,
        );
        latencies.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`push answered ${res.status}: ${res.text.slice(0, 300)}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  http.close();
  const records = devices.reduce((n, d) => n + d.bodies.length, 0) * BATCH;
  return { records, perSecond: records / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

/** What intake wrote for one submission (the rows a push adds beside the submission's own). */
interface IntakeRows {
  commune: string;
  people: PersonProbe[];
  household: { area: string; headNameNorm: string; size: number } | null;
  candidates: Omit<CandidateRecord, 'id' | 'decision' | 'decidedBy' | 'decidedAt'>[];
}

/** The intake rows the server wrote for these submissions, read back from its database after the run. */
function intakeRowsOf(dbFile: string, submissions: Submission[]): Map<string, IntakeRows> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const review = reviewRepository(db);
    const people = db.prepare<
      [string],
      {
        member_index: number;
        name_norm: string;
        commune: string;
        sex: string | null;
        birth_year: number | null;
        national_id_norm: string | null;
      }
    >(
      'SELECT member_index, name_norm, commune, sex, birth_year, national_id_norm FROM pending_people WHERE submission_id = ? ORDER BY member_index',
    );
    const household = db.prepare<[string], { area: string; head_name_norm: string; size: number }>(
      'SELECT area, head_name_norm, size FROM pending_households WHERE submission_id = ?',
    );
    return new Map(
      submissions.map((doc) => {
        const rows = people.all(doc.id);
        const h = household.get(doc.id);
        return [
          doc.id,
          {
            commune: rows[0]?.commune ?? '',
            people: rows.map((r) => ({
              idx: r.member_index,
              name: r.name_norm,
              sex: r.sex,
              year: r.birth_year,
              nid: r.national_id_norm,
            })),
            household: h ? { area: h.area, headNameNorm: h.head_name_norm, size: h.size } : null,
            candidates: review
              .candidatesOf(doc.id)
              .map(({ submissionId, memberIndex, rule, candidateKind, candidateId }) => ({
                submissionId,
                memberIndex,
                rule,
                candidateKind,
                candidateId,
              })),
          },
        ];
      }),
    );
  } finally {
    db.close();
  }
}

/**
 * The floor: the rows one accepted push writes per record, already serialised and hashed, inserted with the
 * repository's own statements in transactions of 100, on a database opened exactly like the server's (WAL,
 * synchronous=FULL). No HTTP, no validation, no duplicate search, no JSON work: SQLite alone. The rows are
 * the submission's (device version, server version, master) and, when `intake` is given, those intake adds
 * for review (the people and household waiting, the duplicate candidates found), as the server wrote them.
 */
function rawInsert(submissions: Submission[], intake?: Map<string, IntakeRows>): number {
  const dir = mkdtempSync(join(tmpdir(), 'kusanya-bench-floor-'));
  const db = openDatabase(databasePath(dir));
  const repo = submissionsRepository(db);
  const review = reviewRepository(db);
  const at = new Date().toISOString();
  const serialise = (doc: Submission) => {
    const json = canonicalJson(doc);
    return { doc, json, hash: createHash('sha256').update(json).digest('hex') };
  };
  const rows = submissions.map((doc) => ({
    device: serialise(doc),
    server: serialise({ ...doc, status: 'pending_review', rev: 2 }),
    intake: intake?.get(doc.id),
  }));
  const writeBatch = db.transaction((batch: typeof rows) => {
    for (const { device, server, intake: added } of batch) {
      const base = {
        submissionId: device.doc.id,
        userId: device.doc.meta.enumeratorId,
        deviceId: device.doc.meta.deviceId,
        receivedAt: at,
        accepted: true,
      };
      repo.insertVersion({ ...base, rev: 1, source: 'device', contentHash: device.hash, doc: device.doc }, device.json);
      repo.insertVersion({ ...base, rev: 2, source: 'server', contentHash: server.hash, doc: server.doc }, server.json);
      repo.writeMaster(server.doc, at, server.json);
      if (added) {
        review.setPending(device.doc.id, added.commune, added.people, added.household);
        review.replaceOpenCandidates(device.doc.id, added.candidates);
      }
    }
  });
  const started = performance.now();
  for (const batch of batches(rows)) writeBatch.immediate(batch);
  const seconds = (performance.now() - started) / 1000;
  const stored = (db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n;
  if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('floor database is not synchronous=FULL');
  db.close();
  rmSync(dir, { recursive: true, force: true });
  if (stored !== submissions.length) throw new Error(`floor stored ${stored} of ${submissions.length}`);
  return submissions.length / seconds;
}

export const suite: BenchSuite = {
  name: 'ingest',
  description: 'household submissions pushed over HTTP (1 and 4 clients, batches of 100) vs raw SQLite inserts',
  async run({ quick, log }) {
    const sizes = quick ? { one: 1_000, four: 2_000 } : { one: 10_000, four: 40_000 };
    let enumerators: Enumerator[] = [];
    const server = await startBenchServer({}, async (dir) => {
      enumerators = await prepareDataDir(dir);
    });
    try {
      const devices = await Promise.all(
        enumerators.map(async (e, i) => ({ ...e, login: await server.login(e.username, `bench-device-${i + 1}`) })),
      );
      const first = devices[0]!;
      const warmup = makeSubmissions(first.login.user.id, first.collines, 500, 1);
      const one = makeSubmissions(first.login.user.id, first.collines, sizes.one, 2);
      const four = devices.map((d, i) => makeSubmissions(d.login.user.id, d.collines, sizes.four / CLIENTS, 3 + i));
      // As the app sends them: canonical JSON (sorted keys), gzip-compressed.
      const body = (docs: Submission[]) =>
        gzipSync(canonicalJson(docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }))));
      const rawBytes = JSON.stringify(one[0]).length;
      log(
        `one submission is ${rawBytes} bytes of JSON; pushing ${sizes.one} with 1 client, then ${sizes.four} with ${CLIENTS} (communes ${devices.map((d) => d.commune).join(', ')})`,
      );

      await pushAll(server.url, [{ token: first.login.token, bodies: batches(warmup).map(body) }]);
      const single = await pushAll(server.url, [{ token: first.login.token, bodies: batches(one).map(body) }]);
      log(`1 client: ${Math.round(single.perSecond)}/s, p50 ${round(single.p50)} ms, p95 ${round(single.p95)} ms`);
      const cpuBefore = server.cpuMs();
      const parallel = await pushAll(
        server.url,
        devices.map((d, i) => ({ token: d.login.token, bodies: batches(four[i]!).map(body) })),
      );
      const serverCpuPerThousand = ((server.cpuMs() - cpuBefore) / sizes.four) * 1000;
      log(
        `${CLIENTS} clients: ${Math.round(parallel.perSecond)}/s, p50 ${round(parallel.p50)} ms, p95 ${round(parallel.p95)} ms`,
      );

      const check = new Database(join(server.dataDir, 'kusanya.sqlite'), { readonly: true });
      const stored = (check.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n;
      const byStatus = check
        .prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM submissions GROUP BY status')
        .all();
      const candidates = (check.prepare('SELECT count(*) AS n FROM duplicate_candidates').get() as { n: number }).n;
      check.close();
      const expected = warmup.length + one.length + sizes.four;
      if (stored !== expected) throw new Error(`the server holds ${stored} submissions, expected ${expected}`);
      // Every survey must have gone through the whole intake (valid, waiting for review with its candidates).
      const waiting = byStatus.find((r) => r.status === 'pending_review')?.n ?? 0;
      if (waiting !== expected)
        throw new Error(`expected every submission pending review, found ${JSON.stringify(byStatus)}`);
      log(`all ${expected} waiting for review, with ${candidates} duplicate candidates flagged`);

      const intake = intakeRowsOf(join(server.dataDir, 'kusanya.sqlite'), four.flat());
      const floor = rawInsert(four.flat(), intake);
      const submissionRowsOnly = rawInsert(four.flat());
      log(
        `raw SQLite floor: ${Math.round(floor)}/s with every row a push writes, ${Math.round(submissionRowsOnly)}/s with the submission rows only`,
      );
      const figures: Figure[] = [
        { name: 'submission size (JSON)', value: rawBytes, unit: 'bytes' },
        { name: '1 client: throughput', value: single.perSecond, unit: 'submissions/s' },
        { name: '1 client: batch latency p50', value: single.p50, unit: 'ms' },
        { name: '1 client: batch latency p95', value: single.p95, unit: 'ms' },
        {
          name: '4 clients: throughput',
          value: parallel.perSecond,
          unit: 'submissions/s',
          note: 'no absolute goal (issue 13): the programme peaks under 100 records/s; the goal is the ratio to the floor below',
        },
        { name: '4 clients: batch latency p50', value: parallel.p50, unit: 'ms' },
        { name: '4 clients: batch latency p95', value: parallel.p95, unit: 'ms' },
        {
          name: '4 clients: server CPU per 1,000 submissions',
          value: serverCpuPerThousand,
          unit: 'ms',
          note: 'all threads of the server process; unlike throughput, barely affected by other work on the machine',
        },
        {
          name: 'raw SQLite floor (same rows, same durability)',
          value: floor,
          unit: 'submissions/s',
          note: 'every row the push wrote: versions, master, people and household waiting for review, duplicate candidates',
        },
        {
          name: 'raw SQLite floor, submission rows only',
          value: submissionRowsOnly,
          unit: 'submissions/s',
          note: 'versions and master, without the intake rows',
        },
        {
          name: '4 clients / raw floor',
          value: (parallel.perSecond / floor) * 100,
          unit: '%',
          target: { op: '>=', value: 50 },
          note: 'goal (issue 13): at least half the floor of the rows a push must write, measured in the same run',
        },
      ];
      return figures;
    } finally {
      await server.stop();
    }
  },
};

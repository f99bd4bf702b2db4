/**
 * Backup figures for a registry of the programme's size: `npx tsx scripts/measure-backup.ts [households]`
 * (default 315,000). Builds a synthetic database in a temp directory — one household survey submission per
 * household (5 members), stored as pushes store them (master row + the device's and the server's versions) —
 * then times an online backup, its verification, a restore and the exit export. Prints the figures; deletes everything after.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 } from 'uuid';
import { createBackup } from '../server/src/backup/create.js';
import { exportEverything } from '../server/src/backup/export.js';
import { restoreBackup } from '../server/src/backup/restore.js';
import { verifyBackup } from '../server/src/backup/verify.js';
import { loadConfig } from '../server/src/config.js';
import { createContext } from '../server/src/context.js';
import { databasePath, openDatabase } from '../server/src/db/database.js';
import { demoSeedDeps, seedDemoIfEmpty } from '@kusanya/tools/seed/demo';
import type { Submission } from '@kusanya/schemas';

const households = Number(process.argv[2] ?? 315_000);
const root = mkdtempSync(join(tmpdir(), 'kusanya-measure-'));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const time = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
};

const NAMES = [
  'Ndayishimiye',
  'Irakoze',
  'Niyonzima',
  'Hakizimana',
  'Ndikumana',
  'Nshimirimana',
  'Bizimana',
  'Niyongabo',
];
const FIRST = ['Jean', 'Aline', 'Claude', 'Espérance', 'Pascal', 'Diane', 'Eric', 'Gloria'];
const pick = <T>(list: T[], i: number) => list[i % list.length]!;

function household(i: number, enumeratorId: string): Submission {
  const last = pick(NAMES, i);
  return {
    id: v7(),
    formId: 'household_survey',
    formVersion: '2026.11.0',
    data: {
      colline: 'CL03010101',
      respondent_name: `${pick(FIRST, i)} ${last}`,
      members: Array.from({ length: 5 }, (_, m) => ({
        first_name: pick(FIRST, i + m),
        last_name: last,
        sex: m % 2 ? 'F' : 'M',
        dob: `${1950 + ((i + m * 7) % 60)}-0${1 + (m % 9)}-1${m}`,
        relationship: m === 0 ? 'HEAD' : m === 1 ? 'SPOUSE' : 'SON',
      })),
    },
    meta: {
      enumeratorId,
      deviceId: `tablet-${i % 900}`,
      startedAt: '2026-11-24T08:00:00.000Z',
      finalizedAt: '2026-11-24T08:15:00.000Z',
      area: 'CL03010101',
    },
    status: 'submitted',
    review: null,
    errors: [],
    rev: 1,
    updatedAt: 1_795_000_000_000 + i,
    _deleted: false,
  };
}

async function main() {
  const dataDir = join(root, 'data');
  const config = { ...loadConfig({}), dataDir, clientDir: null, logLevel: 'silent' as const };
  const db = openDatabase(databasePath(dataDir));
  const ctx = createContext(db, config);
  await seedDemoIfEmpty(demoSeedDeps(ctx.db));
  const enumerator = ctx.users.findByUsername('enumerator')!;

  const [, buildMs] = await time(() => {
    const batch = db.transaction((from: number, to: number) => {
      const at = new Date().toISOString();
      for (let i = from; i < to; i++) {
        const doc = household(i, enumerator.id);
        ctx.submissions.insertVersion({
          submissionId: doc.id,
          rev: 1,
          source: 'device',
          accepted: true,
          contentHash: `d${i}`,
          userId: enumerator.id,
          deviceId: doc.meta.deviceId,
          receivedAt: at,
          doc,
        });
        const stored = { ...doc, status: 'pending_review' as const, rev: 2 };
        ctx.submissions.insertVersion({
          submissionId: doc.id,
          rev: 2,
          source: 'server',
          accepted: true,
          contentHash: `s${i}`,
          userId: enumerator.id,
          deviceId: doc.meta.deviceId,
          receivedAt: at,
          doc: stored,
        });
        ctx.submissions.writeMaster(stored, at);
      }
    });
    for (let from = 0; from < households; from += 5000) batch(from, Math.min(households, from + 5000));
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  const dbBytes = statSync(databasePath(dataDir)).size;
  process.stdout.write(
    `synthetic registry: ${households.toLocaleString('en')} household submissions (5 members; master + 2 versions each), database ${mb(dbBytes)}, built in ${seconds(buildMs)}\n`,
  );

  const [cli, cliMs] = await time(() => createBackup(db, { dir: join(root, 'backups'), trigger: 'cli' }));
  process.stdout.write(
    `backup (CLI, one step): ${seconds(cliMs)}, ${mb(cli.bytes)} (copy, integrity_check, SHA-256, manifest)\n`,
  );
  const [server, serverMs] = await time(() =>
    createBackup(db, { dir: join(root, 'backups'), trigger: 'admin', pagesPerStep: 4096 }),
  );
  process.stdout.write(`backup (server, 4,096-page steps): ${seconds(serverMs)}, ${mb(server.bytes)}\n`);
  const [exported, exportMs] = await time(() => exportEverything(db, join(root, 'export')));
  const csvBytes = exported.files.reduce((n, f) => n + f.bytes, 0);
  process.stdout.write(`exit export (SQLite copy + every table as CSV): ${seconds(exportMs)}, CSV ${mb(csvBytes)}\n`);
  db.close();

  const [verified, verifyMs] = await time(() => verifyBackup(cli.path));
  process.stdout.write(
    `backup verify: ${verified.ok ? 'ok' : 'FAILED'} in ${seconds(verifyMs)} (size, SHA-256, integrity_check, row counts)\n`,
  );

  const target = join(root, 'restored');
  const [restored, restoreMs] = await time(() => restoreBackup(target, cli.path));
  process.stdout.write(
    `restore: ${seconds(restoreMs)} (SHA-256, copy, integrity_check on the copy, swap, open); submissions ${restored.facts.tables['submissions']}\n`,
  );
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(root, { recursive: true, force: true }));

import { mediaDirOf } from '../config.js';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { databasePath, openDatabase, type Db } from '../db/database.js';
import { applyMigrations, listMigrations, type Migration } from '../db/migrate.js';
import { runningServer } from '../db/server-marker.js';
import { AppError } from '../errors.js';
import { createBackup } from './create.js';
import { factsOf } from './inspect.js';
import type { BackupManifest } from './manifest.js';
import { restoreBackup } from './restore.js';
import { verifyBackup } from './verify.js';

export interface UpgradeReport {
  /** nothing: no database yet, or already up to date; upgraded: migrations applied and checked. */
  outcome: 'no-database' | 'up-to-date' | 'planned' | 'upgraded';
  fromVersion: number;
  toVersion: number;
  pending: { version: number; name: string }[];
  /** The verified backup taken before migrating: the point to roll back to. */
  backup: (BackupManifest & { path: string }) | null;
  applied: number[];
  integrity: string | null;
  /** Rows per table before and after (tables that existed before the upgrade). */
  tables: { table: string; before: number; after: number | null }[];
  durationMs: number;
}

/**
 * A migration may remove rows on purpose only if it says so in a comment: `-- upgrade: may remove rows from T`.
 * Any other table that lost rows makes the upgrade fail and roll back.
 */
const mayRemoveRows = (migrations: Migration[]) =>
  new Set(
    migrations.flatMap((m) => [...m.sql.matchAll(/--\s*upgrade:\s*may remove rows from (\w+)/g)].map((x) => x[1]!)),
  );

function appliedVersions(db: Db): number[] {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return [];
  return db
    .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    .all()
    .map((r) => r.version);
}

function foreignKeyProblems(db: Db): number {
  return (db.pragma('foreign_key_check') as unknown[]).length;
}

/**
 * Upgrades the database in DATA_DIR to this code's schema without risking it: with no server running on it, it
 * takes a backup and verifies it (SHA-256, integrity_check, row counts), applies the pending migrations (each in
 * its own transaction), then checks the result (integrity_check, no new foreign-key problems, no table that lost
 * rows). If a migration or a check fails, the database is put back from that backup at once and nothing is lost;
 * the error says what failed. Refuses a database written by a newer Kusanya.
 */
export async function upgradeDatabase(
  dataDir: string,
  options: {
    backupDir: string;
    dryRun?: boolean;
    onStep?: (message: string) => void;
    /** The code's migrations (tests give their own). */
    migrations?: Migration[];
  },
): Promise<UpgradeReport> {
  const t0 = performance.now();
  const step = options.onStep ?? (() => undefined);
  const migrations = options.migrations ?? listMigrations();
  const toVersion = Math.max(0, ...migrations.map((m) => m.version));
  const report = (fields: Partial<UpgradeReport> & Pick<UpgradeReport, 'outcome' | 'fromVersion'>): UpgradeReport => ({
    toVersion,
    pending: [],
    backup: null,
    applied: [],
    integrity: null,
    tables: [],
    ...fields,
    durationMs: Math.round(performance.now() - t0),
  });

  const server = runningServer(dataDir);
  if (server)
    throw new AppError(
      'server-running',
      `A Kusanya server (pid ${server.pid}, port ${server.port}) is running on ${dataDir}. Stop it first ` +
        '(sudo systemctl stop kusanya), then upgrade: migrating under a running server is not safe.',
    );
  const file = databasePath(dataDir);
  if (!existsSync(file)) return report({ outcome: 'no-database', fromVersion: 0 });

  const db = openDatabase(file, { migrate: false });
  try {
    const applied = appliedVersions(db);
    const fromVersion = Math.max(0, ...applied);
    const known = new Set(migrations.map((m) => m.version));
    const unknown = applied.filter((v) => !known.has(v));
    if (unknown.length > 0)
      throw new AppError(
        'validation-failed',
        `This database was written by a newer Kusanya (migrations ${unknown.join(', ')} are unknown to this version). ` +
          'Install that version again, or restore a backup taken before it. Nothing was changed.',
      );
    const done = new Set(applied);
    const pending = migrations.filter((m) => !done.has(m.version));
    const pendingList = pending.map((m) => ({ version: m.version, name: m.name }));
    if (pending.length === 0) return report({ outcome: 'up-to-date', fromVersion });
    if (options.dryRun) return report({ outcome: 'planned', fromVersion, pending: pendingList });

    step(`backing up the database before migrating (schema ${fromVersion} → ${toVersion})`);
    const backup = await createBackup(db, {
      dir: options.backupDir,
      trigger: 'upgrade',
      mediaFrom: join(mediaDirOf({ dataDir }), 'blobs'),
    });
    step(`verifying the backup ${backup.path} (SHA-256, integrity_check, row counts)`);
    const verification = await verifyBackup(backup.path);
    if (!verification.ok)
      throw new AppError(
        'validation-failed',
        'The backup taken before the upgrade failed verification; nothing was migrated.',
        verification.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.message}`),
      );
    const before = factsOf(db, { integrity: false }).tables;
    const fkBefore = foreignKeyProblems(db);

    const rollBack = async (reason: string, details: string[] = []): Promise<never> => {
      db.close();
      step(`${reason}; putting the database back from ${backup.path}`);
      const restored = await restoreBackup(dataDir, backup.path, { migrate: false });
      throw new AppError(
        'upgrade-failed',
        `The upgrade failed (${reason}). The database was put back as it was before, from ${backup.path}; ` +
          `the failed one is kept as ${restored.previousSavedAs}. Keep running the previous version of Kusanya and ` +
          'report this message.',
        details,
      );
    };

    const appliedNow: number[] = [];
    for (const migration of pending) {
      step(`applying migration ${migration.version} (${migration.name})`);
      try {
        appliedNow.push(...applyMigrations(db, [migration]));
      } catch (error) {
        await rollBack(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
      }
    }

    step('checking the upgraded database (integrity_check, foreign keys, row counts)');
    const after = factsOf(db);
    const allowed = mayRemoveRows(pending);
    const tables = Object.entries(before).map(([table, n]) => ({
      table,
      before: n,
      after: after.tables[table] ?? null,
    }));
    const lost = tables.filter((t) => t.after !== null && t.after < t.before && !allowed.has(t.table));
    const fkAfter = foreignKeyProblems(db);
    if (after.integrity !== 'ok') await rollBack(`integrity_check reports: ${after.integrity}`);
    if (fkAfter > fkBefore) await rollBack(`${fkAfter - fkBefore} new foreign-key problems`);
    if (lost.length > 0)
      await rollBack(
        'rows would be lost',
        lost.map((t) => `${t.table}: ${t.before} rows before, ${t.after} after`),
      );
    db.pragma('wal_checkpoint(TRUNCATE)');
    return report({
      outcome: 'upgraded',
      fromVersion,
      pending: pendingList,
      backup,
      applied: appliedNow,
      integrity: after.integrity,
      tables,
    });
  } finally {
    if (db.open) db.close();
  }
}

/** What to do to go back to the version before an upgrade, in steps an IT officer can follow (README, "Upgrading"). */
export function rollbackSteps(backupPath: string): string[] {
  return [
    'sudo systemctl stop kusanya',
    'put the previous version back in /opt/kusanya: cd /opt/kusanya && sudo git checkout <previous version> && sudo npm ci && sudo npm run build',
    `sudo kusanya-cli restore ${backupPath}   (checks the backup first; the current database is kept aside)`,
    'sudo systemctl start kusanya',
    'What the tablets sent after the upgrade is not in that backup: roll back soon, or not at all.',
  ];
}

import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { databasePath, openDatabase } from '../db/database.js';
import { listMigrations } from '../db/migrate.js';
import { runningServer } from '../db/server-marker.js';
import { AppError } from '../errors.js';
import { factsOf, type DatabaseFacts } from './inspect.js';
import { restoreMedia } from './media.js';
import { mediaDirOf } from '../config.js';
import { join } from 'node:path';
import { verifyBackup, type VerifyReport } from './verify.js';

export interface RestoreReport {
  restoredFrom: string;
  /**
   * Sessions the backup holds as open that had ended since (a logout, a disabled user, a revoked tablet): they stay
   * ended in the restored database. All of its sessions are ended when the replaced database could not be read.
   */
  sessionsEnded: number;
  /** Where the database that was replaced now is (null if there was none). */
  previousSavedAs: string | null;
  verification: VerifyReport;
  /** Migrations applied after restoring an older backup. */
  migrated: number[];
  facts: DatabaseFacts;
  /** Media files put back into the data directory (each checked against its hash), and those already there. */
  media: { restored: number; alreadyThere: number };
  durationMs: number;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * A restore goes back to the backup's moment, but a session that ended since (logout, disabled account, revoked
 * tablet, password reset) must not work again (issue 12): its end is copied from the database being replaced into
 * the restored copy. If that database cannot be read (the usual reason to restore), every session of the copy is
 * ended: people log in again. Returns how many sessions of the copy were ended.
 */
function carrySessionEnds(current: string | null, restored: string): number {
  let ended: { id: string; revoked_at: string }[] | null = null;
  if (current) {
    try {
      const db = new Database(current, { readonly: true, fileMustExist: true });
      try {
        ended = db
          .prepare<[], { id: string; revoked_at: string }>(
            'SELECT id, revoked_at FROM sessions WHERE revoked_at IS NOT NULL',
          )
          .all();
      } finally {
        db.close();
      }
    } catch {
      ended = null;
    }
  }
  const db = new Database(restored);
  try {
    const now = new Date().toISOString();
    return db.transaction(() => {
      if (ended === null) {
        return db.prepare('UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL').run(now).changes;
      }
      const end = db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
      return ended.reduce((n, s) => n + end.run(s.revoked_at, s.id).changes, 0);
    })();
  } finally {
    db.close();
  }
}

/**
 * Replaces the data directory's database with a backup, checking everything before touching anything:
 * no server may be running on the directory; the backup's SHA-256 must match its manifest; a copy placed
 * beside the live file must pass `PRAGMA integrity_check` and be a Kusanya database no newer than this code.
 * Only then the live database is checkpointed and moved aside (kept as `kusanya.sqlite.before-restore-…`),
 * and the checked copy is renamed into place (an atomic rename on the same disk). Newer migrations are
 * applied to an older backup.
 */
export async function restoreBackup(
  dataDir: string,
  file: string,
  options: {
    requireManifest?: boolean;
    onStep?: (message: string) => void;
    /** Apply this code's newer migrations to an older backup (default). An upgrade's rollback does not. */
    migrate?: boolean;
  } = {},
): Promise<RestoreReport> {
  const t0 = performance.now();
  const step = options.onStep ?? (() => undefined);
  const server = runningServer(dataDir);
  if (server) {
    throw new AppError(
      'server-running',
      `A Kusanya server (pid ${server.pid}, port ${server.port}) is running on ${dataDir}. Stop it first, then run restore again: ` +
        'replacing the database under a running server would corrupt it.',
    );
  }
  step('verifying the backup (manifest, size, SHA-256)');
  // The integrity check runs once, on the copy that will become the database (below).
  const verification = await verifyBackup(file, { requireManifest: options.requireManifest ?? true, integrity: false });
  if (!verification.ok) {
    throw new AppError(
      'validation-failed',
      'The backup failed verification; nothing was changed.',
      verification.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.message}`),
    );
  }
  const known = Math.max(0, ...listMigrations().map((m) => m.version));
  if ((verification.facts?.schemaVersion ?? 0) > known) {
    throw new AppError(
      'validation-failed',
      `The backup comes from a newer Kusanya (schema ${verification.facts?.schemaVersion}, this one knows ${known}); upgrade first. Nothing was changed.`,
    );
  }

  mkdirSync(dataDir, { recursive: true });
  const live = databasePath(dataDir);
  const staged = `${live}.restoring`;
  for (const suffix of ['', ...SIDE_FILES]) rmSync(`${staged}${suffix}`, { force: true });
  step('copying the backup beside the database and checking the copy (PRAGMA integrity_check)');
  copyFileSync(verification.file, staged);
  const stagedDb = new Database(staged);
  let stagedFacts: DatabaseFacts;
  let stagedVersions: Set<number>;
  try {
    stagedFacts = factsOf(stagedDb);
    stagedVersions = new Set(
      stagedDb
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((r) => r.version),
    );
  } finally {
    stagedDb.close();
  }
  if (stagedFacts.integrity !== 'ok') {
    rmSync(staged, { force: true });
    throw new AppError(
      'validation-failed',
      `The copied backup failed its integrity check (${stagedFacts.integrity}); nothing was changed.`,
    );
  }
  step('keeping ended sessions ended (a logout after the backup does not come back)');
  const sessionsEnded = carrySessionEnds(existsSync(live) ? live : null, staged);

  step('putting back the media the backup lists, checking each SHA-256');
  const media = await restoreMedia(verification.file, staged, join(mediaDirOf({ dataDir }), 'blobs'));

  let previousSavedAs: string | null = null;
  if (existsSync(live)) {
    step('checkpointing and setting aside the current database');
    const current = new Database(live);
    try {
      current.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      current.close();
    }
    previousSavedAs = `${live}.before-restore-${new Date().toISOString().replace(/[-:.]/g, '')}`;
    renameSync(live, previousSavedAs);
    for (const suffix of SIDE_FILES)
      if (existsSync(`${live}${suffix}`)) renameSync(`${live}${suffix}`, `${previousSavedAs}${suffix}`);
  }
  renameSync(staged, live);
  step('opening the restored database');
  const applied = (db: Database.Database) =>
    new Set(
      db
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((r) => r.version),
    );
  const db = options.migrate === false ? new Database(live) : openDatabase(live);
  let facts: DatabaseFacts;
  let migrated: number[];
  try {
    const now = applied(db);
    migrated = [...now].filter((v) => !stagedVersions.has(v)).sort((a, b) => a - b);
    facts = { ...factsOf(db, { integrity: false }), integrity: stagedFacts.integrity };
  } finally {
    db.close();
  }
  return {
    restoredFrom: verification.file,
    sessionsEnded,
    previousSavedAs,
    verification,
    migrated,
    facts,
    media,
    durationMs: Math.round(performance.now() - t0),
  };
}

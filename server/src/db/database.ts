import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyMigrations } from './migrate.js';

export type Db = Database.Database;

export const DATABASE_FILE = 'kusanya.sqlite';

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

/**
 * Opens the registry database with the durability the sync protocol promises
 * (WAL, synchronous=FULL: a 200 on push means committed to disk) and applies migrations.
 */
/** A read-only connection to an existing database (worker threads that only read published data). */
export function openReadOnly(file: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true });
}

export function openDatabase(file: string, options: { migrate?: boolean } = {}): Db {
  let db: Db | null = null;
  try {
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // The server checkpoints from a background connection (checkpointer.ts); this is the fallback threshold
    // (pages, ~40 MB) at which a commit checkpoints by itself.
    db.pragma('wal_autocheckpoint = 10000');
    // `npm run cli -- upgrade` opens it without migrating: it backs up first, then migrates (backup/upgrade.ts).
    if (options.migrate !== false) applyMigrations(db);
    return db;
  } catch (error) {
    db?.close();
    const problem = openProblem(error, file);
    throw problem ? new DatabaseOpenError(problem, { cause: error }) : error;
  }
}

/** The database could not be opened for a reason an administrator fixes on the machine (the message says how). */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/** Why the database cannot be opened, in words, for the errors an administrator can act on; null for others. */
function openProblem(error: unknown, file: string): string | null {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const dir = dirname(file);
  if (
    ['EACCES', 'EPERM', 'EROFS', 'SQLITE_CANTOPEN', 'SQLITE_PERM'].includes(code) ||
    code.startsWith('SQLITE_READONLY')
  ) {
    return (
      `Kusanya cannot write its database ${file}: the data directory ${dir} is read-only or not writable by this ` +
      `user (${code}). Give the server's user write access to it, or set DATA_DIR to a writable directory.`
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return `Kusanya cannot write its database ${file}: the disk of ${dir} is full (${code}). Free some space, then start again.`;
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return (
      `${file} is not a readable Kusanya database (${code}): it may be damaged. ` +
      'Restore the last backup with `npm run cli -- restore FILE`.'
    );
  }
  return null;
}

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
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
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
}

import Database from 'better-sqlite3';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/database.js';
import { factsOf } from './inspect.js';
import { copyMediaIntoBackup } from './media.js';
import { BACKUP_NAME, manifestPathFor, readManifest, sha256File, type BackupManifest } from './manifest.js';

export interface BackupOptions {
  dir: string;
  trigger: BackupManifest['trigger'];
  /**
   * Pages copied per step. The server copies in steps (it stays responsive; its own writes during the copy
   * are applied to the copy by SQLite, because they go through the same connection). Another process (the
   * CLI) copies everything in one step: a single read transaction, a consistent snapshot, and writers
   * (WAL) are never blocked — with small steps the server's writes would restart the copy again and again.
   */
  pagesPerStep?: number;
  onProgress?: (done: number, total: number) => void;
  /** The data directory's media blobs: those the copy lists are copied into the backups' shared media folder. */
  mediaFrom?: string;
}

const ALL_PAGES = 0x7fffffff;

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

function fsyncFile(path: string) {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function freeName(dir: string, base: string): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}-${i}`;
    if (!existsSync(join(dir, `${name}.sqlite`)) && !existsSync(join(dir, `${name}.manifest.json`))) return name;
  }
}

/**
 * Online backup with SQLite's backup API while the server runs: copies to a temporary file, makes the copy
 * self-contained (rollback journal, no -wal), checks it (`PRAGMA integrity_check`), hashes it, then renames
 * it into place and writes the manifest last — a backup without a manifest is incomplete by definition.
 */
export async function createBackup(db: Db, options: BackupOptions): Promise<BackupManifest & { path: string }> {
  mkdirSync(options.dir, { recursive: true });
  const started = new Date();
  const t0 = performance.now();
  const name = freeName(options.dir, `kusanya-${stamp(started)}`);
  const partial = join(options.dir, `.${name}.sqlite.partial`);
  rmSync(partial, { force: true });
  try {
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        options.onProgress?.(totalPages - remainingPages, totalPages);
        return options.pagesPerStep ?? ALL_PAGES;
      },
    });
    const copy = new Database(partial);
    let facts;
    try {
      copy.pragma('journal_mode = DELETE');
      facts = factsOf(copy);
    } finally {
      copy.close();
    }
    if (facts.integrity !== 'ok') throw new Error(`The backup copy failed its integrity check: ${facts.integrity}`);
    fsyncFile(partial);
    const media = options.mediaFrom ? await copyMediaIntoBackup(partial, options.mediaFrom) : undefined;
    const file = `${name}.sqlite`;
    const path = join(options.dir, file);
    const sha256 = await sha256File(partial);
    const bytes = statSync(partial).size;
    renameSync(partial, path);
    const manifest: BackupManifest = {
      format: 'kusanya-backup',
      formatVersion: 1,
      file,
      sha256,
      bytes,
      createdAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - t0),
      trigger: options.trigger,
      schemaVersion: facts.schemaVersion,
      tables: facts.tables,
      integrityCheck: 'ok',
      ...(media ? { media } : {}),
    };
    const manifestPath = manifestPathFor(path);
    writeFileSync(`${manifestPath}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
    fsyncFile(`${manifestPath}.partial`);
    renameSync(`${manifestPath}.partial`, manifestPath);
    return { ...manifest, path };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Complete backups in a directory (those with a manifest), newest first. */
export function listBackups(dir: string): (BackupManifest & { name: string; path: string })[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.manifest.json') && BACKUP_NAME.test(f.replace(/\.manifest\.json$/, '')))
    .flatMap((f) => {
      const manifest = readManifest(join(dir, f));
      return manifest
        ? [{ ...manifest, name: f.replace(/\.manifest\.json$/, ''), path: join(dir, manifest.file) }]
        : [];
    })
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.name.localeCompare(a.name)));
}

/** Keeps the newest `keep` backups of the directory and removes older ones (database and manifest). */
export function pruneBackups(dir: string, keep: number): string[] {
  const removed: string[] = [];
  for (const old of listBackups(dir).slice(keep)) {
    rmSync(manifestPathFor(old.path), { force: true });
    rmSync(old.path, { force: true });
    removed.push(old.name);
  }
  return removed;
}

import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackupMediaFacts } from './media.js';

/** `<name>.manifest.json`, written next to `<name>.sqlite` once the copy is complete and checked. */
export interface BackupManifest {
  format: 'kusanya-backup';
  formatVersion: 1;
  /** File name of the database copy, in the same directory. */
  file: string;
  sha256: string;
  bytes: number;
  /** When the copy started: every push acknowledged before this is in it. */
  createdAt: string;
  finishedAt: string;
  durationMs: number;
  /** What started it: the CLI, the schedule, an administrator in the app, or an upgrade (before migrating). */
  trigger: 'cli' | 'schedule' | 'admin' | 'upgrade';
  /** Highest migration applied in the copy. */
  schemaVersion: number;
  /** Rows per table in the copy. */
  tables: Record<string, number>;
  integrityCheck: 'ok';
  /** The media the copy lists, in the shared `media/` folder beside it (absent in backups from before media). */
  media?: BackupMediaFacts;
}

export const BACKUP_NAME = /^kusanya-\d{8}-\d{6}(-\d{1,3})?$/;

/** SHA-256 of a file, streamed (backups can be gigabytes). */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The manifest path of a backup given either its `.sqlite` file or its manifest. */
export function manifestPathFor(file: string): string {
  if (file.endsWith('.manifest.json')) return file;
  return join(dirname(file), `${basename(file).replace(/\.sqlite$/, '')}.manifest.json`);
}

/** The database file a manifest describes (or the file itself when given a database). */
export function databaseFileFor(file: string): string {
  if (!file.endsWith('.manifest.json')) return file;
  const manifest = readManifest(file);
  return join(dirname(file), manifest?.file ?? basename(file).replace(/\.manifest\.json$/, '.sqlite'));
}

export function readManifest(path: string): BackupManifest | null {
  if (!existsSync(path)) return null;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
    return value.format === 'kusanya-backup' ? value : null;
  } catch {
    return null;
  }
}

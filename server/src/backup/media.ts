import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { blobStore, factsOfFile } from '../repositories/blob-store.js';

/**
 * Media in backups (issue 15). Every backup of a directory shares one content-addressed folder, `media/` beside
 * the `.sqlite` files, laid out as the data directory's `media/blobs`: a backup copies only the blobs not there yet
 * (incremental: an unchanged photo is never copied twice), and the blobs a backup needs are those its database copy
 * lists in `media_blobs`, so each backup stays restorable by itself as long as the folder is kept with it.
 */

/** What a backup's manifest says of its media. */
export interface BackupMediaFacts {
  /** Folder (beside the backup) holding the blobs. */
  dir: 'media';
  files: number;
  bytes: number;
  /** Copied by this backup (the others were already in the folder). */
  copied: number;
  copiedBytes: number;
}

export interface MediaCheck {
  checked: number;
  missing: string[];
  corrupt: string[];
}

export const backupMediaDir = (backupFile: string) => join(dirname(backupFile), 'media');

/** The blobs a database (live or a backup copy) lists; none for a database from before media existed. */
export function blobsListed(file: string): { sha256: string; size: number }[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'media_blobs'").get();
    if (!table) return [];
    return db.prepare('SELECT sha256, size FROM media_blobs ORDER BY sha256').all() as {
      sha256: string;
      size: number;
    }[];
  } finally {
    db.close();
  }
}

/** Copies one blob, checking its hash on the way; the copy appears under its name only once whole and right. */
async function copyBlob(from: string, to: string, sha256: string): Promise<void> {
  mkdirSync(dirname(to), { recursive: true });
  const partial = `${to}.partial`;
  const hash = createHash('sha256');
  const source = createReadStream(from);
  source.on('data', (chunk) => hash.update(chunk));
  try {
    await pipeline(source, createWriteStream(partial, { flush: true }));
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  const got = hash.digest('hex');
  if (got !== sha256) {
    rmSync(partial, { force: true });
    throw new Error(`media file ${sha256} is damaged (its bytes hash to ${got}); it was not copied`);
  }
  renameSync(partial, to);
}

const present = (path: string, size: number) => existsSync(path) && statSync(path).size === size;

/** Copies into the backup's media folder the blobs its database copy lists that the folder lacks. */
export async function copyMediaIntoBackup(dbCopy: string, blobsDir: string): Promise<BackupMediaFacts> {
  const from = blobStore(blobsDir);
  const to = blobStore(backupMediaDir(dbCopy));
  const facts: BackupMediaFacts = { dir: 'media', files: 0, bytes: 0, copied: 0, copiedBytes: 0 };
  for (const blob of blobsListed(dbCopy)) {
    facts.files += 1;
    facts.bytes += blob.size;
    if (present(to.pathOf(blob.sha256), blob.size)) continue;
    await copyBlob(from.pathOf(blob.sha256), to.pathOf(blob.sha256), blob.sha256);
    facts.copied += 1;
    facts.copiedBytes += blob.size;
  }
  return facts;
}

/** Checks every blob a backup needs: present in its media folder, and its bytes hash to its name. */
export async function checkBackupMedia(dbFile: string): Promise<MediaCheck> {
  const store = blobStore(backupMediaDir(dbFile));
  const check: MediaCheck = { checked: 0, missing: [], corrupt: [] };
  for (const blob of blobsListed(dbFile)) {
    check.checked += 1;
    const path = store.pathOf(blob.sha256);
    if (!existsSync(path)) check.missing.push(blob.sha256);
    else if ((await factsOfFile(path)).sha256 !== blob.sha256) check.corrupt.push(blob.sha256);
  }
  return check;
}

/** Puts back into the data directory every blob the restored database lists, checking each hash on the way. */
export async function restoreMedia(
  backupFile: string,
  restoredDb: string,
  blobsDir: string,
): Promise<{ restored: number; alreadyThere: number }> {
  const from = blobStore(backupMediaDir(backupFile));
  const to = blobStore(blobsDir);
  let restored = 0;
  let alreadyThere = 0;
  for (const blob of blobsListed(restoredDb)) {
    const target = to.pathOf(blob.sha256);
    if (present(target, blob.size) && (await factsOfFile(target)).sha256 === blob.sha256) {
      alreadyThere += 1;
      continue;
    }
    await copyBlob(from.pathOf(blob.sha256), target, blob.sha256);
    restored += 1;
  }
  return { restored, alreadyThere };
}

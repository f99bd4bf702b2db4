import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pruneBackups } from './create.js';
import { manifestPathFor, readManifest, sha256File, type BackupManifest } from './manifest.js';

/** A backup as written by createBackup: its manifest and where its database file is. */
export type ShippableBackup = Pick<BackupManifest, 'file' | 'sha256' | 'bytes'> & { path: string };

export interface ShipResult {
  bytes: number | null;
  /** What happened, in words (shown to the administrator). */
  message: string;
}

/** How long a copy command may run before it is stopped and counted as failed. */
export const COPY_COMMAND_TIMEOUT_MS = 60 * 60_000;
const OUTPUT_KEPT = 2_000;

async function fsyncPath(path: string) {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Copies a backup into another folder (a second disk, a mounted share) the way backups are written: to a hidden
 * partial file, flushed to disk, read back and checked against the backup's SHA-256, renamed into place, then its
 * manifest. A copy that does not read back identical is removed and reported. The folder keeps the newest `keep`.
 */
export async function copyToFolder(
  backup: ShippableBackup,
  dir: string,
  options: { keep: number; signal?: AbortSignal },
): Promise<ShipResult> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, backup.file);
  const partial = join(dir, `.${backup.file}.partial`);
  try {
    await pipeline(createReadStream(backup.path), createWriteStream(partial), { signal: options.signal });
    await fsyncPath(partial);
    const sha = await sha256File(partial);
    if (sha !== backup.sha256)
      throw new Error(
        `the copy in ${dir} does not read back identical (SHA-256 ${sha.slice(0, 16)}…); check that disk`,
      );
    await rename(partial, target);
    const manifest = readManifest(manifestPathFor(backup.path));
    const manifestTarget = manifestPathFor(target);
    await writeFile(`${manifestTarget}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
    await fsyncPath(`${manifestTarget}.partial`);
    await rename(`${manifestTarget}.partial`, manifestTarget);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const pruned = pruneBackups(dir, options.keep);
  return {
    bytes: backup.bytes,
    message: `copied to ${target} and read back (SHA-256 matches)${pruned.length > 0 ? `; ${pruned.length} older copies removed` : ''}`,
  };
}

/**
 * Runs the administrator's copy command (through /bin/sh) with the backup's paths in its environment:
 * KUSANYA_BACKUP_FILE, KUSANYA_BACKUP_MANIFEST, KUSANYA_BACKUP_NAME, KUSANYA_BACKUP_SHA256. Exit status 0 is a
 * good copy; anything else (or running past the timeout) is a failure with the end of its output as the reason.
 */
export function runCopyCommand(
  backup: ShippableBackup,
  command: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ShipResult> {
  const manifest = manifestPathFor(backup.path);
  if (!existsSync(backup.path) || !existsSync(manifest))
    return Promise.reject(new Error(`the backup ${backup.file} or its manifest is missing`));
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], {
      env: {
        ...process.env,
        KUSANYA_BACKUP_FILE: backup.path,
        KUSANYA_BACKUP_MANIFEST: manifest,
        KUSANYA_BACKUP_NAME: backup.file.replace(/\.sqlite$/, ''),
        KUSANYA_BACKUP_SHA256: backup.sha256,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
      timeout: options.timeoutMs ?? COPY_COMMAND_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_KEPT));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => reject(error));
    child.on('close', (code, signal) => {
      const said = output.trim();
      if (code === 0)
        resolve({
          bytes: backup.bytes,
          message: said ? `the copy command succeeded: ${said}` : 'the copy command succeeded',
        });
      else
        reject(
          new Error(
            `the copy command ${signal ? `was stopped (${signal}; it may have run past its time limit)` : `failed with exit status ${code}`}${said ? `: ${said}` : ''}`,
          ),
        );
    });
  });
}

import { rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorCode } from '../errors.js';

/** What is wrong with where the server keeps its data, if anything. */
export type StorageState = 'ok' | 'full' | 'read-only' | 'error';

/** Below this much free space the data directory counts as full (a push, a backup would fail). */
export const MIN_FREE_BYTES = 32 * 1024 * 1024;
/**
 * A storage error (SQLite's or the file system's) as the answer a client gets: the disk is full (507), or the data
 * cannot be written at all (503), with words an administrator can act on. null for any other error.
 */
export function storageProblemOf(
  error: unknown,
): { state: Exclude<StorageState, 'ok'>; code: ErrorCode; message: string } | null {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return {
      state: 'full',
      code: 'storage-full',
      message: "The server's disk is full: nothing was stored. Try again later; an administrator must free space.",
    };
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return {
      state: 'read-only',
      code: 'storage-unavailable',
      message:
        'The server cannot write its data (its data directory is read-only): nothing was stored. Tell an administrator.',
    };
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'EIO') {
    return {
      state: 'error',
      code: 'storage-unavailable',
      message: 'The server could not write its data (a disk error): nothing was stored. Tell an administrator.',
    };
  }
  return null;
}

export interface StorageReport {
  storage: StorageState;
  freeBytes: number | null;
  message: string | null;
}

/**
 * The data directory's state for the health check: free space, whether a file can be written there, and whether the
 * database may still grow (SQLite refuses to grow past its page limit as if the disk were full).
 */
export function storageHealth(dataDir: string, databaseAtMaxSize: () => boolean, clock: () => number = Date.now) {
  return {
    check(): StorageReport {
      let freeBytes: number | null = null;
      try {
        const fs = statfsSync(dataDir);
        freeBytes = fs.bavail * fs.bsize;
      } catch {
        // statfs is not available everywhere; the probes below still tell
      }
      try {
        const probe = join(dataDir, '.kusanya-health-probe');
        writeFileSync(probe, String(clock()));
        rmSync(probe, { force: true });
      } catch (error) {
        const problem = storageProblemOf(error) ?? {
          state: 'read-only' as const,
          message: `The server cannot write in its data directory ${dataDir} (${(error as Error).message}).`,
        };
        return { storage: problem.state, freeBytes, message: problem.message };
      }
      if (databaseAtMaxSize()) {
        return {
          storage: 'full',
          freeBytes,
          message: 'The database is full (the largest size it may have): writes that need more space fail.',
        };
      }
      if (freeBytes !== null && freeBytes < MIN_FREE_BYTES) {
        return {
          storage: 'full',
          freeBytes,
          message: `Only ${Math.round(freeBytes / 1024 / 1024)} MB free on the disk of ${dataDir}: free some space.`,
        };
      }
      return { storage: 'ok', freeBytes, message: null };
    },
  };
}

export type StorageHealth = ReturnType<typeof storageHealth>;

import { join } from 'node:path';
import { backupDirOf, mediaDirOf, type AppConfig } from '../config.js';
import { createBackup, listBackups, pruneBackups } from '../backup/create.js';
import { BACKUP_NAME, type BackupManifest } from '../backup/manifest.js';
import { exportEverything } from '../backup/export.js';
import { verifyBackup } from '../backup/verify.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { BackupCopyService } from './backup-copies.js';

/** Pages per step when the server itself copies (~16 MB at 4 KB pages): the event loop keeps serving. */
const SERVER_PAGES_PER_STEP = 4096;

export interface BackupProgress {
  running: boolean;
  done: number;
  total: number;
}

/**
 * Backups taken by the server process (an administrator's "Back up now", the schedule): one at a time,
 * written to BACKUP_DIR, followed by pruning to BACKUP_KEEP, then copied off the machine in the background
 * (BACKUP_COPY_DIR / BACKUP_COPY_COMMAND). The CLI uses `createBackup` directly.
 */
export function backupService(
  db: Db,
  config: Pick<AppConfig, 'backupDir' | 'dataDir' | 'backupKeep' | 'backupIntervalMinutes'>,
  copies: BackupCopyService,
) {
  const dir = backupDirOf(config);
  let running: Promise<BackupManifest & { path: string }> | null = null;
  let shipping: Promise<unknown> | null = null;
  const stopShipping = new AbortController();
  const progress: BackupProgress = { running: false, done: 0, total: 0 };

  const pathOf = (name: string) => {
    if (!BACKUP_NAME.test(name)) throw new AppError('not-found', 'No such backup.');
    const found = listBackups(dir).find((b) => b.name === name);
    if (!found) throw new AppError('not-found', `No backup named ${name} in ${dir}.`);
    return found;
  };

  return {
    dir,
    keep: config.backupKeep,
    intervalMinutes: config.backupIntervalMinutes,
    progress: (): BackupProgress => ({ ...progress }),
    list: () => listBackups(dir),

    /** Takes a backup now; a second request while one runs is refused (409) rather than queued. */
    async run(trigger: BackupManifest['trigger']): Promise<BackupManifest & { path: string; pruned: string[] }> {
      if (running) throw new AppError('conflict', 'A backup is already running; wait for it to finish.');
      Object.assign(progress, { running: true, done: 0, total: 0 });
      running = createBackup(db, {
        dir,
        trigger,
        pagesPerStep: SERVER_PAGES_PER_STEP,
        mediaFrom: join(mediaDirOf(config), 'blobs'),
        onProgress: (done, total) => Object.assign(progress, { done, total }),
      });
      try {
        const manifest = await running;
        const pruned = pruneBackups(dir, config.backupKeep);
        // The copy may take long (a network share, a slow disk): it runs after the answer, one at a time.
        if (copies.configured && !shipping)
          shipping = copies.ship(manifest, stopShipping.signal).finally(() => (shipping = null));
        return { ...manifest, pruned };
      } finally {
        running = null;
        progress.running = false;
      }
    },

    /** Resolves when no backup is running (server shutdown waits for it; a copy in progress is stopped). */
    async idle(): Promise<void> {
      await running?.catch(() => undefined);
    },

    /** Stops a copy in progress (recorded as failed) and waits for it to end. */
    async stopCopies(): Promise<void> {
      stopShipping.abort();
      await shipping;
    },

    /** Copies a backup off the machine now (the administrator's "Copy now"), waiting for the result. */
    async copy(name: string) {
      if (!copies.configured)
        throw new AppError('conflict', 'No off-machine copy is configured (BACKUP_COPY_DIR or BACKUP_COPY_COMMAND).');
      const backup = pathOf(name);
      // One copy at a time: after the one running (the last backup's), this one.
      while (shipping) await shipping.catch(() => undefined);
      const job = copies.ship(backup, stopShipping.signal);
      shipping = job.finally(() => (shipping = null));
      return job;
    },
    copies,

    /** A backup into another directory (the shell's `backup --dir`), at the shell's pace; it prunes nothing. */
    into: (target: string) =>
      createBackup(db, { dir: target, trigger: 'cli', mediaFrom: join(mediaDirOf(config), 'blobs') }),
    /** The exit export: the database, every table as CSV, the schema and a manifest, in `target`. */
    exportAll: (target: string) => exportEverything(db, target),

    verify: (name: string) => verifyBackup(join(dir, pathOf(name).file)),
    file: (name: string) => pathOf(name),
  };
}

export type BackupService = ReturnType<typeof backupService>;

import type { BackupCopyStatus as SchemaBackupCopyStatus } from '@kusanya/schemas';
import type { AppConfig } from '../config.js';
import { copyToFolder, runCopyCommand, type ShipResult, type ShippableBackup } from '../backup/ship.js';
import type { BackupCopiesRepository, BackupCopyRecord, CopyTargetKind } from '../repositories/backup-copies.js';

/** What the administrator and the health check are told about off-machine copies (schemas: BackupCopyStatus). */
export type BackupCopyStatus = Omit<SchemaBackupCopyStatus, 'recent'>;

type CopyConfig = Pick<AppConfig, 'backupCopyDir' | 'backupCopyCommand' | 'backupCopyKeep' | 'backupIntervalMinutes'>;

/** A copy is late when none succeeded for two backup intervals and half an hour (only with scheduled backups). */
export const lateAfterMs = (intervalMinutes: number) =>
  intervalMinutes > 0 ? (2 * intervalMinutes + 30) * 60_000 : null;

/**
 * Off-machine copies of backups (BACKUP_COPY_DIR and/or BACKUP_COPY_COMMAND): each backup goes to each target as it
 * is taken, and every attempt is recorded, so "when did a good copy last leave this machine" has an answer.
 */
export function backupCopyService(repository: BackupCopiesRepository, config: CopyConfig) {
  const targets: { kind: CopyTargetKind; run: (b: ShippableBackup, signal?: AbortSignal) => Promise<ShipResult> }[] =
    [];
  if (config.backupCopyDir) {
    const dir = config.backupCopyDir;
    targets.push({ kind: 'folder', run: (b, signal) => copyToFolder(b, dir, { keep: config.backupCopyKeep, signal }) });
  }
  if (config.backupCopyCommand) {
    const command = config.backupCopyCommand;
    targets.push({ kind: 'command', run: (b, signal) => runCopyCommand(b, command, { signal }) });
  }
  let running = 0;

  return {
    configured: targets.length > 0,

    /** Copies one backup to every target (one after the other); never throws: failures are recorded and returned. */
    async ship(backup: ShippableBackup, signal?: AbortSignal): Promise<BackupCopyRecord[]> {
      const results: BackupCopyRecord[] = [];
      running++;
      try {
        for (const target of targets) {
          const startedAt = new Date().toISOString();
          let outcome: Pick<BackupCopyRecord, 'outcome' | 'bytes' | 'message'>;
          try {
            const result = await target.run(backup, signal);
            outcome = { outcome: 'success', ...result };
          } catch (error) {
            outcome = { outcome: 'failure', bytes: null, message: (error as Error).message };
          }
          const record = {
            backup: backup.file,
            target: target.kind,
            startedAt,
            finishedAt: new Date().toISOString(),
            ...outcome,
          };
          repository.record(record);
          results.push(record);
        }
      } finally {
        running--;
      }
      return results;
    },

    status(now = Date.now()): BackupCopyStatus {
      const kinds = targets.map((t) => t.kind);
      const base = {
        targets: kinds,
        folder: config.backupCopyDir,
        running: running > 0,
      };
      if (kinds.length === 0)
        return {
          ...base,
          state: 'off',
          lastSuccessAt: null,
          lastSuccessBackup: null,
          lastFailureAt: null,
          lastError: null,
        };
      const latest = kinds.map((k) => repository.latest(k));
      const successes = kinds.map((k) => repository.latestSuccess(k));
      const failures = latest.filter((r): r is BackupCopyRecord => r?.outcome === 'failure');
      // With every target copied, the last good copy everywhere is the oldest of their last successes; otherwise
      // the state says pending or failing and the newest success anywhere is shown.
      const copied = successes.filter((s): s is BackupCopyRecord => s !== null);
      const allCopied = copied.length === kinds.length;
      const byTime = copied.sort((a, b) => (a.finishedAt < b.finishedAt ? -1 : 1));
      const shown = allCopied ? (byTime[0] ?? null) : (byTime.at(-1) ?? null);
      const newestFailure = failures.sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : -1))[0] ?? null;
      const late = lateAfterMs(config.backupIntervalMinutes);
      const state: BackupCopyStatus['state'] =
        failures.length > 0
          ? 'failing'
          : !allCopied || !shown
            ? 'pending'
            : late !== null && now - Date.parse(shown.finishedAt) > late
              ? 'late'
              : 'ok';
      return {
        ...base,
        state,
        lastSuccessAt: shown?.finishedAt ?? null,
        lastSuccessBackup: shown?.backup ?? null,
        lastFailureAt: newestFailure?.finishedAt ?? null,
        lastError: newestFailure ? `${newestFailure.target}: ${newestFailure.message}` : null,
      };
    },

    recent: (limit = 10) => repository.recent(limit),
  };
}

export type BackupCopyService = ReturnType<typeof backupCopyService>;

import type { FastifyInstance } from 'fastify';
import type { AuditService } from '../usecases/audit.js';
import type { BackupService } from '../usecases/backups.js';

/**
 * Scheduled backups (BACKUP_INTERVAL_MINUTES > 0): one every interval, never two at once, each followed by
 * pruning to BACKUP_KEEP, each recorded in the audit log (actor "system"). Shutdown waits for a running one.
 */
export function installBackupSchedule(app: FastifyInstance, backups: BackupService, audit: AuditService): void {
  const minutes = backups.intervalMinutes;
  if (minutes <= 0) return;
  const tick = async () => {
    try {
      const result = await backups.run('schedule');
      audit.record({
        actor: 'system',
        action: 'backup.create',
        target: result.file,
        outcome: 'success',
        details: { bytes: result.bytes, durationMs: result.durationMs, pruned: result.pruned },
      });
      app.log.info(
        { file: result.file, bytes: result.bytes, durationMs: result.durationMs, pruned: result.pruned },
        'scheduled backup written',
      );
    } catch (error) {
      audit.record({
        actor: 'system',
        action: 'backup.create',
        outcome: 'failure',
        details: { error: (error as Error).message },
      });
      app.log.error({ err: error }, 'scheduled backup failed');
    }
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => void tick(), minutes * 60_000);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await backups.idle();
  });
}

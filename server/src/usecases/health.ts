import type { HealthRepository } from '../repositories/health.js';
import type { BackupService } from './backups.js';
import type { StorageReport } from './storage-health.js';

/** What the health check reads: the database, the data directory, the off-machine backup copies. */
export interface HealthDeps {
  health: Pick<HealthRepository, 'ping'>;
  storage: { check(): StorageReport };
  copies: Pick<BackupService['copies'], 'status'>;
}

export type HealthUseCases = ReturnType<typeof healthUseCases>;

/** The health check (for monitors and the load balancer): `ok` only when the database answers and storage is writable. */
export function healthUseCases(deps: HealthDeps) {
  return {
    check() {
      const database = deps.health.ping() ? ('ok' as const) : ('error' as const);
      const storage = deps.storage.check();
      const copy = deps.copies.status();
      return {
        status: database === 'ok' && storage.storage === 'ok' ? ('ok' as const) : ('degraded' as const),
        database,
        ...storage,
        message: storage.message ?? (database === 'ok' ? null : 'The database does not answer.'),
        time: new Date().toISOString(),
        backupCopy: { state: copy.state, lastSuccessAt: copy.lastSuccessAt },
      };
    },
  };
}

import type { AppConfig } from './config.js';
import type { AppContext } from './context.js';
import type { Db } from './db/database.js';
import { auditRepository } from './repositories/audit.js';
import { backupCopiesRepository } from './repositories/backup-copies.js';
import { auditService } from './usecases/audit.js';
import { backupCopyService } from './usecases/backup-copies.js';
import { areaUseCases } from './usecases/areas.js';
import { dashboardUseCases } from './usecases/dashboards/index.js';
import { exportUseCases } from './usecases/exports/index.js';
import { formUseCases } from './usecases/form-admin.js';
import { grievanceUseCases } from './usecases/grievances/index.js';
import { healthUseCases } from './usecases/health.js';
import { registryUseCases } from './usecases/hq/index.js';
import { apiTokenUseCases } from './usecases/kobo/api-tokens.js';
import { deviceExportUseCases } from './usecases/sync/device-exports.js';
import { syncUseCases } from './usecases/sync/index.js';
import { importKobo, type KoboImportOptions } from './usecases/kobo/import.js';
import { submissionHistory } from './usecases/submission-history.js';

const MB = 1024 * 1024;

/**
 * The use cases of every area, bound once to the app's repositories (built by `createContext`). The app factory
 * gives each route plugin the few it calls (`app.register(syncRoutes, { sync })`); the CLI gives them to its
 * commands. Nothing outside this file and `context.ts` sees a repository.
 */
export function createUseCases(ctx: AppContext) {
  const { db, config, users, locations, locationTree, media } = ctx;
  const directory = ctx.locationDirectory;
  return {
    health: healthUseCases({ health: ctx.health, storage: ctx.storage, copies: ctx.backups.copies }),
    auth: ctx.auth,
    devices: ctx.deviceAdmin,
    areas: areaUseCases({ locations, locationTree }),
    sync: syncUseCases({
      db,
      submissions: ctx.submissions,
      forms: ctx.forms,
      households: ctx.households,
      process: ctx.processSubmission,
      locations: locationTree,
      intakeWorkers: ctx.intakeWorkers,
      quota: { dayBytes: config.userQuotaDayMb * MB, totalBytes: config.userQuotaTotalMb * MB },
    }),
    review: ctx.reviewUseCases,
    adminUsers: ctx.adminUsers,
    forms: formUseCases(ctx.forms),
    audit: ctx.audit,
    backups: ctx.backups,
    apiTokens: apiTokenUseCases({
      tokens: ctx.apiTokens,
      locations: locationTree,
      assets: () => ctx.koboAssets.list(),
    }),
    koboAssets: ctx.koboAssets,
    koboData: ctx.koboData,
    /** Imports a Kobo export (the shell's `kobo import`). */
    koboImport: (options: KoboImportOptions) => importKobo(ctx.koboImport, options),
    submissions: submissionHistory(ctx.submissions),
    deviceExports: deviceExportUseCases({ deviceImport: ctx.deviceImport, media, audit: ctx.audit }),
    registry: registryUseCases({
      search: ctx.registrySearch,
      registry: ctx.registry,
      reads: ctx.registryReads,
      users,
      labels: ctx.formLabels,
      locations: locationTree,
      directory,
      mediaOf: media.readableOf,
    }),
    grievances: grievanceUseCases({
      db,
      cases: ctx.grievanceCases,
      users,
      submissions: ctx.submissions,
      reads: ctx.registryReads,
      labels: ctx.formLabels,
      locations: locationTree,
      directory,
      mediaOf: media.readableOf,
    }),
    dashboards: dashboardUseCases({ db, monitoring: ctx.monitoring, users, locations: locationTree, directory }),
    exports: exportUseCases({
      dbFile: db.name,
      locations: locationTree,
      directory,
      labels: ctx.formLabels,
      users,
      progress: ctx.exportProgress,
    }),
    media,
  };
}

export type UseCases = ReturnType<typeof createUseCases>;

/**
 * What the shell's standalone commands (restore, upgrade) use of a database they open themselves, the server
 * stopped: the audit log (the restore or upgrade is recorded) and the off-machine copies of backups.
 */
export function standaloneUseCases(db: Db, config: AppConfig) {
  return { audit: auditService(auditRepository(db)), copies: backupCopyService(backupCopiesRepository(db), config) };
}

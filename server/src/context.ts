import { join } from 'node:path';
import { mediaDirOf, type AppConfig } from './config.js';
import type { Db } from './db/database.js';
import { LocationTree } from './domain/scope.js';
import { deviceImportsRepository } from './repositories/device-imports.js';
import { householdPullRepository } from './repositories/household-pull.js';
import { formsRepository } from './repositories/forms.js';
import { grievancesRepository } from './repositories/grievances.js';
import { registryRepository } from './repositories/registry.js';
import { reviewRepository } from './repositories/review.js';
import { locationsRepository } from './repositories/locations.js';
import { sessionsRepository } from './repositories/sessions.js';
import { submissionsRepository } from './repositories/submissions.js';
import { usersRepository } from './repositories/users.js';
import { auditRepository } from './repositories/audit.js';
import { deviceKeysRepository } from './repositories/device-keys.js';
import { healthRepository } from './repositories/health.js';
import { devicesRepository } from './repositories/devices.js';
import { lockoutsRepository } from './repositories/lockouts.js';
import { adminUsersService } from './usecases/admin-users.js';
import { auditService } from './usecases/audit.js';
import { authService } from './usecases/auth.js';
import { CompiledForms } from './usecases/compiled-forms.js';
import { createIntake } from './usecases/intake.js';
import { reviewUseCases } from './usecases/review/index.js';
import { backupService } from './usecases/backups.js';
import { devicesService } from './usecases/devices.js';
import { createHqContext } from './usecases/hq/context.js';
import { storageHealth } from './usecases/storage-health.js';
import { intakeWorkers } from './usecases/sync/intake-workers.js';
import { backupCopyService } from './usecases/backup-copies.js';
import { backupCopiesRepository } from './repositories/backup-copies.js';
import { apiTokensRepository } from './repositories/api-tokens.js';
import { koboRepository } from './repositories/kobo.js';
import { koboAssets } from './usecases/kobo/assets.js';
import { koboDataApi } from './usecases/kobo/data-api.js';
import type { KoboImportDeps } from './usecases/kobo/import.js';
import type { ImportContext } from './usecases/sync/device-import.js';
import { blobStore } from './repositories/blob-store.js';
import { mediaRepository } from './repositories/media.js';
import { mediaService } from './usecases/media/media-service.js';
import { thenOnEach } from './usecases/sync/submission-processor.js';

const MB = 1024 * 1024;

/** Everything a request handler may use, built once per app instance (no module-level state). */
export function createContext(db: Db, config: AppConfig) {
  const users = usersRepository(db);
  const sessions = sessionsRepository(db);
  const locations = locationsRepository(db);
  const forms = formsRepository(db);
  const submissions = submissionsRepository(db);
  const compiledForms = new CompiledForms(forms);
  const registry = registryRepository(db);
  const review = reviewRepository(db);
  const grievances = grievancesRepository(db);
  const lockouts = lockoutsRepository(db);
  const devices = devicesRepository(db);
  const deviceKeys = deviceKeysRepository(db);
  const deviceImports = deviceImportsRepository(db);
  const households = householdPullRepository(db);
  const health = healthRepository(db);

  let tree: { version: number; tree: LocationTree } | null = null;
  /** The location tree, rebuilt when any process changed the locations. */
  const locationTree = () => {
    const version = locations.version();
    if (!tree || tree.version !== version) tree = { version, tree: new LocationTree(locations.nodes()) };
    return tree.tree;
  };

  const kobo = koboRepository(db);
  const apiTokens = apiTokensRepository(db);
  const assets = koboAssets({ kobo, forms, locations, locationTree });
  // Media of records (issue 15): blobs by SHA-256 under DATA_DIR/media, what each record references in SQLite.
  const media = mediaService({
    db,
    media: mediaRepository(db),
    submissions,
    blobs: blobStore(join(mediaDirOf(config), 'blobs')),
    locations: locationTree,
    limits: {
      fileBytes: config.mediaFileMb * MB,
      recordBytes: config.mediaRecordMb * MB,
    },
    quota: { dayBytes: config.userQuotaDayMb * MB, totalBytes: config.userQuotaTotalMb * MB },
  });
  const intake = createIntake({ forms: compiledForms, registry, review, grievances, locations: locationTree });
  /** Every accepted write of a record also records which media its answers reference (same transaction). */
  const processSubmission = thenOnEach(intake, (doc) => media.linkRecord(doc, kobo.mediaOf(doc.id)));
  /** What a device export import uses (the route and the CLI). */
  const deviceImport: ImportContext = {
    db,
    submissions,
    process: processSubmission,
    locations: locationTree,
    users,
    deviceImports,
  };
  /** What a Kobo import uses (the CLI, the bench). */
  const koboImport: KoboImportDeps = {
    db,
    forms,
    compiledForms,
    submissions,
    users,
    process: processSubmission,
    locations: locationTree,
    kobo,
    review,
    registry,
    koboLocations: () => assets.locations(),
    media,
  };

  return {
    db,
    config,
    users,
    sessions,
    locations,
    forms,
    submissions,
    households,
    deviceImports,
    locationTree,
    compiledForms,
    registry,
    review,
    grievances,
    reviewUseCases: reviewUseCases({
      db,
      submissions,
      review,
      registry,
      households,
      users,
      sessions,
      forms: compiledForms,
      locations: locationTree,
      mediaMissing: media.missing,
    }),
    processSubmission,
    deviceImport,
    koboImport,
    media,
    intakeWorkers: config.intakeWorkers > 0 ? intakeWorkers({ dbFile: db.name, size: config.intakeWorkers }) : null,
    auth: authService({
      users,
      sessions,
      lockouts,
      tokenTtlHours: config.tokenTtlHours,
      lockout: { attempts: config.loginLockoutAttempts, minutes: config.loginLockoutMinutes },
    }),
    health,
    /** The data directory's state for the health check (disk full, read-only). */
    storage: storageHealth(config.dataDir, health.atMaxSize),
    // Security and administration (issue 7).
    lockouts,
    devices,
    audit: auditService(auditRepository(db)),
    adminUsers: adminUsersService({
      users,
      sessions,
      locations,
      lockouts,
      locationTree,
      transaction: (change) => db.transaction(change).immediate(),
    }),
    deviceAdmin: devicesService({ devices, sessions, deviceKeys, deviceImports, users, locationTree }, db),
    backups: backupService(db, config, backupCopyService(backupCopiesRepository(db), config)),
    // Kobo's data API, API tokens and the migration from Kobo (issue 16).
    kobo,
    apiTokens,
    koboAssets: assets,
    koboData: koboDataApi({
      db,
      kobo,
      assets,
      users,
      locationTree,
      media: media.filesOf,
      sendable: media.sendable,
    }),
    // HQ: registry browser, grievance cases, dashboards, exports (issue 6).
    ...createHqContext(db, { locations, locationTree, compiledForms }),
  };
}

export type AppContext = ReturnType<typeof createContext>;

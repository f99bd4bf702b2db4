import type { FastifyInstance } from 'fastify';
import type { AdminUsersService } from '../../usecases/admin-users.js';
import type { AreaUseCases } from '../../usecases/areas.js';
import type { AuditService } from '../../usecases/audit.js';
import type { BackupService } from '../../usecases/backups.js';
import type { DevicesService } from '../../usecases/devices.js';
import type { FormUseCases } from '../../usecases/form-admin.js';
import type { ApiTokenUseCases } from '../../usecases/kobo/api-tokens.js';
import { adminApiTokenRoutes } from './api-tokens.js';
import { adminAreaRoutes } from './areas.js';
import { adminAuditRoutes } from './audit.js';
import { adminBackupRoutes } from './backups.js';
import { adminDeviceRoutes } from './devices.js';
import { adminFormRoutes } from './forms.js';
import { adminPairingRoutes, type PairingConfig } from './pairing.js';
import { adminUserRoutes } from './users.js';

/** The use cases of administration, and the two settings its screens show or follow. */
export interface AdminRouteOptions {
  adminUsers: AdminUsersService;
  areas: AreaUseCases;
  devices: DevicesService;
  forms: FormUseCases;
  audit: AuditService;
  backups: BackupService;
  apiTokens: ApiTokenUseCases;
  pairing: PairingConfig;
  idleTimeoutSeconds: number;
}

/**
 * The administration API: every route under /api/admin, admin role only, every mutation audited. Each of its
 * plugins is given only the use cases it calls.
 */
export async function adminRoutes(app: FastifyInstance, options: AdminRouteOptions) {
  const { adminUsers, areas, devices, forms, audit, backups, apiTokens, pairing, idleTimeoutSeconds } = options;
  await app.register(adminUserRoutes, { adminUsers });
  await app.register(adminAreaRoutes, { areas });
  await app.register(adminDeviceRoutes, { devices });
  await app.register(adminFormRoutes, { forms });
  await app.register(adminAuditRoutes, { audit, adminUsers });
  await app.register(adminBackupRoutes, { backups, adminUsers, idleTimeoutSeconds });
  await app.register(adminApiTokenRoutes, { apiTokens });
  await app.register(adminPairingRoutes, { pairing });
}

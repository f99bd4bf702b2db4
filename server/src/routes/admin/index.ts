import type { FastifyInstance } from 'fastify';
import { pick, type AppContext } from '../../context.js';
import { adminApiTokenNeeds, adminApiTokenRoutes } from './api-tokens.js';
import { adminAreaNeeds, adminAreaRoutes } from './areas.js';
import { adminAuditNeeds, adminAuditRoutes } from './audit.js';
import { adminBackupNeeds, adminBackupRoutes } from './backups.js';
import { adminDeviceNeeds, adminDeviceRoutes } from './devices.js';
import { adminFormNeeds, adminFormRoutes } from './forms.js';
import { adminPairingNeeds, adminPairingRoutes } from './pairing.js';
import { adminUserNeeds, adminUserRoutes } from './users.js';

/**
 * The administration API: every route under /api/admin, admin role only, every mutation audited. Each of its
 * plugins is given only the parts of the app it declares it needs.
 */
export async function adminRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  await app.register(adminUserRoutes, pick(ctx, adminUserNeeds));
  await app.register(adminAreaRoutes, pick(ctx, adminAreaNeeds));
  await app.register(adminDeviceRoutes, pick(ctx, adminDeviceNeeds));
  await app.register(adminFormRoutes, pick(ctx, adminFormNeeds));
  await app.register(adminAuditRoutes, pick(ctx, adminAuditNeeds));
  await app.register(adminBackupRoutes, pick(ctx, adminBackupNeeds));
  await app.register(adminApiTokenRoutes, pick(ctx, adminApiTokenNeeds));
  await app.register(adminPairingRoutes, pick(ctx, adminPairingNeeds));
}

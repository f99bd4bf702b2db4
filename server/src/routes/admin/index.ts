import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { adminApiTokenRoutes } from './api-tokens.js';
import { adminAreaRoutes } from './areas.js';
import { adminAuditRoutes } from './audit.js';
import { adminBackupRoutes } from './backups.js';
import { adminDeviceRoutes } from './devices.js';
import { adminFormRoutes } from './forms.js';
import { adminPairingRoutes } from './pairing.js';
import { adminUserRoutes } from './users.js';

/** The administration API: every route under /api/admin, admin role only, every mutation audited. */
export async function adminRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  await app.register(adminUserRoutes, { ctx });
  await app.register(adminAreaRoutes, { ctx });
  await app.register(adminDeviceRoutes, { ctx });
  await app.register(adminFormRoutes, { ctx });
  await app.register(adminAuditRoutes, { ctx });
  await app.register(adminBackupRoutes, { ctx });
  await app.register(adminApiTokenRoutes, { ctx });
  await app.register(adminPairingRoutes, { ctx });
}

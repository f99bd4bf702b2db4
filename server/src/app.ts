import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { v7 } from 'uuid';
import { mediaDirOf, type AppConfig } from './config.js';
import { createContext, type AppContext } from './context.js';
import { createUseCases } from './use-cases.js';
import { startCheckpointer } from './db/checkpointer.js';
import { databasePath, openDatabase } from './db/database.js';
import { installBackupSchedule } from './backup/schedule.js';
import { installAudit } from './plugins/audit.js';
import { installAuth } from './plugins/auth.js';
import { installCors } from './plugins/cors.js';
import { installDeviceTracking } from './plugins/devices.js';
import { installJsonBody } from './plugins/json-body.js';
import { installRouteTable } from './plugins/route-table.js';
import { installSecurityHeaders } from './plugins/security-headers.js';
import { installUploadLimit } from './plugins/upload-limit.js';
import { installDocs } from './plugins/docs.js';
import { clientErrorHandler, frameworkErrors, installErrorHandler, installNotFound } from './plugins/error-handler.js';
import { hasBuiltClient, staticClient } from './plugins/static-client.js';
import { installValidation } from './plugins/validation.js';
import { areaRoutes } from './routes/areas.js';
import { adminRoutes } from './routes/admin/index.js';
import { adminFormImportRoutes } from './routes/admin/form-import.js';
import { formMediaRoutes } from './routes/form-media.js';
import { authRoutes } from './routes/auth.js';
import { deviceExportRoutes } from './routes/device-exports.js';
import { healthRoutes } from './routes/health.js';
import { dashboardRoutes } from './routes/dashboards.js';
import { exportRoutes } from './routes/exports.js';
import { grievanceRoutes } from './routes/grievances.js';
import { koboApiRoutes } from './routes/kobo-api.js';
import { registryRoutes } from './routes/registry.js';
import { reviewRoutes } from './routes/review.js';
import { syncRoutes } from './routes/sync.js';
import { mediaRoutes } from './routes/media.js';
import { receiptEntry } from './usecases/media/media-service.js';
import { tusUploads } from './plugins/tus-uploads.js';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

/** Largest request body for routes that do not set their own limit (push: 5 MB, area CSV: 16 MB, forms: 4 MB). */
export const BODY_LIMIT = 1024 * 1024;

/** Builds the whole server (API, docs, PWA) on the database in `config.dataDir`. */
export async function buildApp(config: AppConfig): Promise<FastifyInstance> {
  const file = databasePath(config.dataDir);
  const db = openDatabase(file);
  const requestTimeout = config.requestTimeoutSeconds * 1000;
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.body.password'] },
    genReqId: () => v7(),
    bodyLimit: BODY_LIMIT,
    return503OnClosing: true,
    trustProxy: config.trustProxy,
    // Bounded time (issue 12 finding 7): a request must arrive within REQUEST_TIMEOUT_SECONDS (a stalled upload is
    // cut with 408); a connection idle for IDLE_TIMEOUT_SECONDS is closed (an export nobody reads ends, its slot is
    // freed and its snapshot released).
    requestTimeout,
    connectionTimeout: config.idleTimeoutSeconds * 1000,
    http: {
      headersTimeout: Math.min(60_000, requestTimeout),
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, requestTimeout / 4)),
    },
    clientErrorHandler,
    frameworkErrors,
  });
  const ctx = createContext(db, config);
  app.decorate('ctx', ctx);
  const checkpointer = startCheckpointer(file, (message) =>
    app.log.warn({ message }, 'background WAL checkpoint failed'),
  );
  app.addHook('onClose', async () => {
    await ctx.backups.idle();
    await ctx.backups.stopCopies();
    await ctx.intakeWorkers?.close();
    ctx.deviceAdmin.flush();
    await checkpointer.stop();
    db.close();
  });

  installRouteTable(app, BODY_LIMIT);
  installJsonBody(app);
  installValidation(app);
  installErrorHandler(app);
  installSecurityHeaders(app);
  installCors(app, config.corsOrigins);
  installAuth(app, ctx.auth);
  installAudit(app, ctx.audit);
  installUploadLimit(app, config.uploadsPerUser);
  installDeviceTracking(app, ctx.deviceAdmin);
  installBackupSchedule(app, ctx.backups, ctx.audit);
  // Sync responses are JSON that compresses 5–10×: on a 3G link that is most of a sync's time. Devices also
  // send gzip push bodies (Content-Encoding: gzip), decompressed here before the body limit is counted.
  await app.register(compress, { encodings: ['br', 'gzip', 'deflate'], requestEncodings: ['gzip', 'deflate'] });
  await app.register(rateLimit, { global: false });
  await installDocs(app);

  // Each route plugin receives the use cases it calls, nothing else (ARCHITECTURE.md).
  const useCases = createUseCases(ctx);
  const { auth, devices, areas, sync, review, adminUsers, forms, audit, backups, apiTokens, media } = useCases;
  await app.register(healthRoutes, { health: useCases.health });
  await app.register(authRoutes, { auth, devices, loginsPerMinute: config.loginRateLimitPerMinute });
  await app.register(areaRoutes, { areas });
  await app.register(syncRoutes, { sync });
  await app.register(reviewRoutes, { review });
  await app.register(adminRoutes, {
    adminUsers,
    areas,
    devices,
    forms,
    audit,
    backups,
    apiTokens,
    pairing: { publicUrl: config.publicUrl, caCertificateUrl: config.caCertificateUrl },
    idleTimeoutSeconds: config.idleTimeoutSeconds,
  });
  await app.register(adminFormImportRoutes, { forms });
  await app.register(formMediaRoutes, { forms });
  await app.register(deviceExportRoutes, { deviceExports: useCases.deviceExports });
  await app.register(registryRoutes, { registry: useCases.registry });
  await app.register(grievanceRoutes, { grievances: useCases.grievances });
  await app.register(dashboardRoutes, { dashboards: useCases.dashboards });
  await app.register(exportRoutes, { exports: useCases.exports });
  await app.register(koboApiRoutes, { apiTokens, koboData: useCases.koboData });
  const uploads = tusUploads(join(mediaDirOf(config), 'uploads'), media, {
    respectForwardedHeaders: config.trustProxy,
    onReceived: (claim, received) => audit.record(receiptEntry(claim, received, 'upload')),
  });
  await app.register(mediaRoutes, { media, uploads });

  const clientDir = config.clientDir;
  const appShell = hasBuiltClient(clientDir);
  if (appShell) await app.register(staticClient, { root: clientDir });
  installNotFound(app, { appShell });
  return app;
}

import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { v7 } from 'uuid';
import type { AppConfig } from './config.js';
import { createContext, type AppContext } from './context.js';
import { databasePath, openDatabase } from './db/database.js';
import { installAuth } from './plugins/auth.js';
import { installDocs } from './plugins/docs.js';
import { installErrorHandler, installNotFound } from './plugins/error-handler.js';
import { hasBuiltClient, staticClient } from './plugins/static-client.js';
import { installValidation } from './plugins/validation.js';
import { authRoutes } from './routes/auth.js';
import { healthRoutes } from './routes/health.js';
import { dashboardRoutes } from './routes/dashboards.js';
import { exportRoutes } from './routes/exports.js';
import { grievanceRoutes } from './routes/grievances.js';
import { registryRoutes } from './routes/registry.js';
import { reviewRoutes } from './routes/review.js';
import { syncRoutes } from './routes/sync.js';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

/** Builds the whole server (API, docs, PWA) on the database in `config.dataDir`. */
export async function buildApp(config: AppConfig): Promise<FastifyInstance> {
  const db = openDatabase(databasePath(config.dataDir));
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.body.password'] },
    genReqId: () => v7(),
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });
  const ctx = createContext(db, config);
  app.decorate('ctx', ctx);
  app.addHook('onClose', async () => db.close());

  installValidation(app);
  installErrorHandler(app);
  installAuth(app, ctx.auth);
  await app.register(rateLimit, { global: false });
  await installDocs(app);

  await app.register(healthRoutes, { ctx });
  await app.register(authRoutes, { ctx });
  await app.register(syncRoutes, { ctx });
  await app.register(reviewRoutes, { ctx });
  await app.register(registryRoutes, { ctx });
  await app.register(grievanceRoutes, { ctx });
  await app.register(dashboardRoutes, { ctx });
  await app.register(exportRoutes, { ctx });

  const clientDir = config.clientDir;
  const appShell = hasBuiltClient(clientDir);
  if (appShell) await app.register(staticClient, { root: clientDir });
  installNotFound(app, { appShell });
  return app;
}

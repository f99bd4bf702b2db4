/**
 * Entry point: `npm start` (through scripts/start.mjs, which seeds the demo data first) or
 * `npm start -w @kusanya/server`.
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DatabaseOpenError } from './db/database.js';
import { removeServerMarker, writeServerMarker } from './db/server-marker.js';

// Requests in flight get this long to finish (systemd waits 45 s, TimeoutStopSec, before it kills).
const SHUTDOWN_GRACE_MS = 30_000;

async function main() {
  const config = loadConfig();
  const app = await buildApp(config);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // A request in flight keeps its keep-alive connection open once answered, and Node closes only the
    // connections idle at the moment of closing: close the others as soon as their answer has gone out.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 200);
    sweep.unref();
    app.close().then(
      () => {
        removeServerMarker(config.dataDir);
        process.exit(0);
      },
      (err: unknown) => {
        app.log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  // Tells `npm run cli -- restore` that a server uses this data directory.
  const port = (app.server.address() as { port: number } | null)?.port ?? config.port;
  writeServerMarker(config.dataDir, { pid: process.pid, port, startedAt: new Date().toISOString() });
  process.on('exit', () => removeServerMarker(config.dataDir));
  process.stdout.write(
    `Kusanya is running at ${address.replace('127.0.0.1', 'localhost')} (data in ${config.dataDir})\n`,
  );
}

/**
 * Exit status of a server that cannot start as configured (sysexits EX_CONFIG): the restart supervisor
 * (scripts/supervisor.mjs) and systemd do not restart it.
 */
const EXIT_CANNOT_START = 78;

main().catch((error: unknown) => {
  const explained = error instanceof ConfigError || error instanceof DatabaseOpenError;
  process.stderr.write(`${explained ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(explained ? EXIT_CANNOT_START : 1);
});

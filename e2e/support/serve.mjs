// Starts the real server for the e2e run on a fresh data directory, seeded first with the demo data by the tools'
// CLI (as `npm start` does). With E2E_SEED=synthetic, a small synthetic registry (the programme's forms, staff,
// households, tickets, reports) is generated too, for the office screens' tests.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = process.env.E2E_DATA_DIR || mkdtempSync(join(tmpdir(), 'kusanya-e2e-'));
// The app is served from a copy of the build, so a test can publish a "new version" (tests/app-update.spec.ts).
const clientDir = join(dataDir, 'client');
cpSync(join(root, 'client/dist'), clientDir, { recursive: true });
/** Runs a command of the tools' CLI (tools/src/cli.ts) on the data directory, before the server starts. */
function cli(...args) {
  const run = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'tools/src/cli.ts'), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
cli('seed', 'demo');
if (process.env.E2E_SEED === 'synthetic') cli('seed', 'synthetic', '--households', '400', '--seed', '42');
const server = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'server/src/server.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: process.env.E2E_PORT ?? '8181',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CLIENT_DIR: clientDir,
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT: '1000',
  },
});
const stop = (signal) => server.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});

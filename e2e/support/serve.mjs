// Starts the real server for the e2e run on a fresh data directory (seeded with the demo data).
// With E2E_SEED=synthetic, a small synthetic registry (the programme's forms, staff, households, tickets,
// reports) is generated first, for the office screens' tests.
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
if (process.env.E2E_SEED === 'synthetic') {
  const seeded = spawnSync(
    join(root, 'node_modules/.bin/tsx'),
    [join(root, 'server/src/cli/main.ts'), 'seed', 'synthetic', '--households', '400', '--seed', '42'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    },
  );
  if (seeded.status !== 0) process.exit(seeded.status ?? 1);
}
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

// Starts the real server for the e2e run on a fresh data directory (seeded with the demo data).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-e2e-'));
// Tests that check what the server stored (e.g. every version of a record) read its database from here.
const pointer = join(tmpdir(), `kusanya-e2e-${process.env.E2E_PORT ?? '8181'}.datadir`);
writeFileSync(pointer, dataDir);
const server = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'server/src/server.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: process.env.E2E_PORT ?? '8181',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT: '1000',
  },
});
const stop = (signal) => server.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(pointer, { force: true });
  process.exit(code ?? 0);
});

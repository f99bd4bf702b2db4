#!/usr/bin/env node
// `npm start`: builds the PWA when its sources changed since the last build, seeds the demo data into an empty
// database (the tools' `seed demo`, which prints the demo logins; SEED_DEMO=false skips it), then runs the server
// (which creates the SQLite database on first run) under the restart supervisor (scripts/supervisor.mjs): a server
// that dies or stops answering /api/health is started again. Production services (deploy/) start it this same way.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverNodeOptions } from './server-heap.mjs';
import { healthUrlFor, optionsFromEnv, supervise } from './supervisor.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'client/dist/index.html');
const sources = [
  'client/src',
  'client/public',
  'client/index.html',
  'client/vite.config.ts',
  'shared/src',
  'schemas/src',
];

function newestMtime(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((entry) => newestMtime(join(path, entry))));
}

// CLIENT_DIR set to nothing serves the API only: there is nothing to build.
const apiOnly = process.env.CLIENT_DIR === '';
if (!apiOnly && (!existsSync(built) || newestMtime('client/dist/index.html') < Math.max(...sources.map(newestMtime)))) {
  process.stdout.write('Building the app (first start or sources changed)…\n');
  const build = spawnSync('npm', ['run', 'build', '-w', '@kusanya/client'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const tsx = join(root, 'node_modules/.bin/tsx');
// Production (SEED_DEMO=false) skips the demo seed altogether: the server then starts at once and is the one that
// checks the configuration (a refused one ends with exit status 78, which the supervisor and systemd respect).
if (!/^(0|false|no)$/i.test(process.env.SEED_DEMO?.trim() ?? '')) {
  const seed = spawnSync(tsx, [join(root, 'tools/src/cli.ts'), 'seed', 'demo'], { cwd: root, stdio: 'inherit' });
  if (seed.status !== 0) process.exit(seed.status ?? 1);
}
// Node runs the server itself (tsx as a loader, not tsx's CLI, which would put a process in between): a signal
// or a kill reaches the server, and nothing is left behind holding the port.
const supervisor = supervise({
  command: process.execPath,
  args: ['--import', 'tsx', join(root, 'server/src/server.ts')],
  cwd: root,
  env: { ...process.env, NODE_OPTIONS: serverNodeOptions() },
  healthUrl: healthUrlFor(process.env),
  ...optionsFromEnv(process.env),
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void supervisor.stop(signal));
supervisor.done.then((code) => process.exit(code));

#!/usr/bin/env node
// `npm start`: builds the PWA when its sources changed since the last build, seeds the demo data into an empty
// database (the tools' `seed demo`, which prints the demo logins; SEED_DEMO=false skips it), then starts the
// server (which creates the SQLite database on first run), and starts it again if it dies.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverNodeOptions } from './server-heap.mjs';
import { supervise } from './supervise.mjs';

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

if (!existsSync(built) || newestMtime('client/dist/index.html') < Math.max(...sources.map(newestMtime))) {
  process.stdout.write('Building the app (first start or sources changed)…\n');
  const build = spawnSync('npm', ['run', 'build', '-w', '@kusanya/client'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const tsx = join(root, 'node_modules/.bin/tsx');
const seed = spawnSync(tsx, [join(root, 'tools/src/cli.ts'), 'seed', 'demo'], { cwd: root, stdio: 'inherit' });
if (seed.status !== 0) process.exit(seed.status ?? 1);
// The server runs under a supervisor: when it dies (a crash, the heap limit, a kill) it is started again.
const server = supervise({
  command: tsx,
  args: [join(root, 'server/src/server.ts')],
  cwd: root,
  env: { ...process.env, NODE_OPTIONS: serverNodeOptions() },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.stop(signal));
server.done.then((code) => process.exit(code));

#!/usr/bin/env node
// `npm test`: typecheck, lint, the three Vitest tiers (unit, integration, resilience: see vitest.config.ts), then
// the e2e tests in Chromium against the built app. Each step says how long it took.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const steps = [
  ['typecheck', 'npm', ['run', 'typecheck']],
  ['lint (ESLint: rules and import boundaries; Prettier: formatting)', 'npm', ['run', 'lint']],
  ['unit tests (npm run test:unit)', 'npx', ['vitest', 'run', '--project', 'unit*']],
  ['integration tests (npm run test:integration)', 'npx', ['vitest', 'run', '--project', 'integration']],
  ['resilience tests (npm run test:resilience)', 'npx', ['vitest', 'run', '--project', 'resilience']],
  ['Chromium for e2e', 'node', ['scripts/ensure-chromium.mjs']],
  ['Caddy and certutil for the HTTPS e2e', 'node', ['scripts/ensure-caddy.mjs']],
  ['build the app', 'npm', ['run', 'build']],
  ['e2e tests', 'npm', ['run', 'test', '-w', '@kusanya/e2e']],
];

for (const [name, command, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stderr.write(`\n✖ ${name} failed after ${seconds}s\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`✔ ${name} (${seconds}s)\n`);
}

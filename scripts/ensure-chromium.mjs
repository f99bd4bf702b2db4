#!/usr/bin/env node
// Makes sure a Chromium is available for the e2e tests: a Playwright-installed browser, $CHROMIUM_PATH,
// or Debian's /usr/bin/chromium (installed with apt-get when running as root). Otherwise says what to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from '../e2e/support/chromium.mjs';

const found = findChromium();
if (found) {
  process.stdout.write(`e2e: using Chromium at ${found}\n`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  process.stdout.write("e2e: no Chromium found; installing Debian's chromium with apt-get…\n");
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (update.status === 0 && install.status === 0 && findChromium()) {
    process.stdout.write(`e2e: installed ${execFileSync('/usr/bin/chromium', ['--version']).toString().trim()}\n`);
    process.exit(0);
  }
  process.stderr.write('e2e: installing chromium with apt-get failed (see above).\n');
  process.exit(1);
}
process.stderr.write(
  'e2e: no Chromium found. Install one and run the tests again:\n' +
    '  sudo apt-get install -y chromium          (Debian/Ubuntu)\n' +
    '  or set CHROMIUM_PATH=/path/to/chromium\n',
);
process.exit(1);

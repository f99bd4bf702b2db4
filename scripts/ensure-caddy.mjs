#!/usr/bin/env node
// Makes sure the HTTPS e2e test (e2e/tests/https-field.spec.ts) has what it runs: Caddy (the reverse proxy the
// deployment uses, deploy/caddy/) and NSS's certutil (to make the test's Chromium trust Caddy's own certificate
// authority, as a tablet does once its administrator installed it). As root on Debian they are installed with
// apt-get (packages caddy and libnss3-tools); otherwise this says what to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const tools = [
  { bin: 'caddy', pkg: 'caddy' },
  { bin: 'certutil', pkg: 'libnss3-tools' },
];
const found = (bin) => ['/usr/bin', '/usr/local/bin', '/usr/sbin'].some((dir) => existsSync(`${dir}/${bin}`));
const missing = tools.filter((t) => !found(t.bin));
if (missing.length === 0) {
  process.stdout.write('e2e: Caddy and certutil are installed\n');
  process.exit(0);
}
const packages = missing.map((t) => t.pkg);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  process.stdout.write(`e2e: installing ${packages.join(' ')} with apt-get…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  // The Debian package would start a Caddy service on ports 80/443: policy-rc.d refuses service starts in
  // containers, and on a full system the test's own Caddy uses other ports anyway.
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  if (update.status === 0 && install.status === 0 && tools.every((t) => found(t.bin))) process.exit(0);
  process.stderr.write('e2e: installing Caddy / certutil with apt-get failed (see above).\n');
  process.exit(1);
}
process.stderr.write(
  `e2e: the HTTPS test needs ${missing.map((t) => t.bin).join(' and ')}. Install and run the tests again:\n` +
    `  sudo apt-get install -y ${packages.join(' ')}\n`,
);
process.exit(1);

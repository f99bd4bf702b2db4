import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../../e2e/support/chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A directory the bench server serves as its "client": a page that loads the app's database, capture and
 * sync code (bench/browser/driver.ts, bundled with esbuild) — the real client, without its screens.
 */
export async function buildDriverSite(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kusanya-bench-client-'));
  await build({
    entryPoints: [join(root, 'bench/browser/driver.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    outfile: join(dir, 'driver.js'),
    define: { __APP_VERSION__: JSON.stringify('bench'), 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="/driver.js"></script>',
  );
  return dir;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run `node scripts/ensure-chromium.mjs`');
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

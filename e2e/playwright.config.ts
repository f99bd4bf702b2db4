import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from './support/chromium.mjs';

const port = Number(process.env['E2E_PORT'] ?? 8181);
// The server's data directory, known to the tests too (support/cli.ts runs the administration CLI on it, as an
// administrator would on the server). Set once by the runner; the workers inherit it.
process.env['E2E_DATA_DIR'] ??= mkdtempSync(join(tmpdir(), 'kusanya-e2e-'));
/** A second server, with a small synthetic registry, for the office screens (support/hq.ts). */
const hqPort = port + 1;
const chromium = findChromium();
if (!chromium) throw new Error('No Chromium found: run `node scripts/ensure-chromium.mjs` (npm test does).');

/** The built app served by the real server on 127.0.0.1 with a fresh database, in real headless Chromium. */
export default defineConfig({
  testDir: './tests',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env['CI'] ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 800, height: 1280 },
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      command: `node support/serve.mjs`,
      url: `http://127.0.0.1:${port}/api/health`,
      env: { E2E_PORT: String(port), E2E_DATA_DIR: process.env['E2E_DATA_DIR'] },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node support/serve.mjs`,
      url: `http://127.0.0.1:${hqPort}/api/health`,
      // Its own data directory (the runner's E2E_DATA_DIR belongs to the first server).
      env: { E2E_PORT: String(hqPort), E2E_SEED: 'synthetic', E2E_DATA_DIR: '' },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});

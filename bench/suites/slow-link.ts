/**
 * slow link: 500 household surveys captured on the device and synced by the real client (the app's capture and
 * sync code in headless Chromium) through an emulated 3G-like link — about 400 kbit/s each way and 300 ms of
 * latency (Chrome DevTools network emulation). Bytes are counted on the wire by a TCP relay between the browser
 * and the server: headers, compressed bodies, both directions, every request of the sync (push, answers, pulls).
 */
import { rmSync } from 'node:fs';
import type { BenchWindow } from '../browser/api.js';
import { buildDriverSite, launchChromium } from '../lib/browser.js';
import { countingProxy } from '../lib/proxy.js';
import { startBenchServer } from '../lib/server.js';
import type { BenchSuite } from '../lib/types.js';

const KBIT = 1000 / 8;
const LINK = { latency: 300, downloadThroughput: 400 * KBIT, uploadThroughput: 400 * KBIT };

export const suite: BenchSuite = {
  name: 'slow-link',
  description: 'household surveys synced by the real client through a 400 kbit/s, 300 ms link',
  async run({ quick, log }) {
    const count = quick ? 50 : 500;
    const site = await buildDriverSite();
    const server = await startBenchServer({ CLIENT_DIR: site });
    const proxy = await countingProxy(new URL(server.url));
    const browser = await launchChromium();
    try {
      const login = await server.login('enumerator', 'bench-slow-link');
      const page = await browser.newPage({ serviceWorkers: 'block' });
      await page.goto(proxy.url);
      await page.waitForFunction(() => document.title === 'ready');
      const waiting = await page.evaluate(
        async ({ user, count }) => {
          const bench = (window as unknown as BenchWindow).kusanyaBench;
          await bench.open(user.id);
          return bench.capture(user, count, 500);
        },
        { user: login.user, count },
      );
      if (waiting !== count) throw new Error(`${waiting} records waiting, expected ${count}`);

      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...LINK });
      proxy.reset();
      log(`syncing ${count} records through ${LINK.downloadThroughput / KBIT} kbit/s, ${LINK.latency} ms…`);
      const result = await page.evaluate(
        async ({ userId, token, count }) => {
          const bench = (window as unknown as BenchWindow).kusanyaBench;
          const outcome = await bench.sync(userId, token, { allSent: count }, 600_000);
          await bench.close();
          return outcome;
        },
        { userId: login.user.id, token: login.token, count },
      );
      const { up, down } = proxy.counts();
      log(`${(result.ms / 1000).toFixed(1)} s; ${up} bytes up, ${down} bytes down`);
      return [
        { name: 'records synced', value: count, unit: 'submissions' },
        { name: 'time to sync all', value: result.ms / 1000, unit: 's' },
        { name: 'time per submission', value: result.ms / count, unit: 'ms' },
        {
          name: 'bytes on the wire per submission (both ways)',
          value: (up + down) / count,
          unit: 'bytes',
          target: { op: '<=', value: 2048 },
        },
        { name: 'of which sent by the tablet', value: up / count, unit: 'bytes' },
        { name: 'of which received by the tablet', value: down / count, unit: 'bytes' },
      ];
    } finally {
      await browser.close();
      await proxy.close();
      await server.stop();
      rmSync(site, { recursive: true, force: true });
    }
  },
};

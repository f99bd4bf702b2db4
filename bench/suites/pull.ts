/**
 * pull: an enumerator's first sync of an area with 2,000 households (5 members each, about 10,000 individuals).
 * Measured twice: over HTTP alone (pages of 1,000, gzip, as any client would), and by the real client — the app's
 * sync engine writing into IndexedDB in headless Chromium — from start to the last household stored.
 */
import type { HouseholdsPullResponse } from '@kusanya/schemas';
import { rmSync } from 'node:fs';
import { seedRegistrySlice } from '../lib/registry-slice.js';
import { buildDriverSite, launchChromium } from '../lib/browser.js';
import { httpClient, startBenchServer } from '../lib/server.js';
import type { BenchSuite } from '../lib/types.js';
import type { BenchWindow } from '../browser/api.js';

export const suite: BenchSuite = {
  name: 'pull',
  description: "an enumerator's first sync of an area with 2,000 households (5 members each)",
  async run({ quick, log }) {
    const households = quick ? 200 : 2_000;
    const site = await buildDriverSite();
    const server = await startBenchServer({ CLIENT_DIR: site });
    try {
      seedRegistrySlice(server.dataDir, households, households * 1.5);
      const login = await server.login('enumerator', 'bench-pull');

      // 1. The protocol alone: pages of 1,000 until the checkpoint stops moving.
      const http = httpClient(server.url, 1);
      let wire = 0;
      let json = 0;
      let received = 0;
      const started = performance.now();
      for (let seq = 0; ;) {
        const res = await http.send('GET', `/api/sync/households/pull?seq=${seq}&limit=1000`, {
          authorization: `Bearer ${login.token}`,
          'accept-encoding': 'gzip',
        });
        if (res.status !== 200) throw new Error(`pull answered ${res.status}`);
        const page = JSON.parse(res.text) as HouseholdsPullResponse;
        if (page.documents.length === 0) break;
        wire += res.wireBytes;
        json += Buffer.byteLength(res.text);
        received += page.documents.length;
        seq = page.checkpoint.seq;
      }
      const httpSeconds = (performance.now() - started) / 1000;
      http.close();
      if (received !== households) throw new Error(`pulled ${received} households, expected ${households}`);
      log(
        `HTTP: ${households} households in ${httpSeconds.toFixed(2)} s, ${Math.round(wire / households)} B gzipped each`,
      );

      // 2. The real client in Chromium: the sync engine from start until every household is in IndexedDB.
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ serviceWorkers: 'block' });
        await page.goto(server.url);
        await page.waitForFunction(() => document.title === 'ready');
        const result = await page.evaluate(
          async ({ userId, token, households }) => {
            const bench = (window as unknown as BenchWindow).kusanyaBench;
            await bench.open(userId);
            const outcome = await bench.sync(userId, token, { households }, 120_000);
            await bench.close();
            return outcome;
          },
          { userId: login.user.id, token: login.token, households },
        );
        log(`client: ${households} households stored in ${(result.ms / 1000).toFixed(2)} s`);
        return [
          { name: 'households in the area', value: households, unit: 'households' },
          {
            name: 'first sync, real client (Chromium, IndexedDB)',
            value: result.ms / 1000,
            unit: 's',
            target: { op: '<=', value: 3 },
          },
          { name: 'first sync, HTTP pull only', value: httpSeconds, unit: 's' },
          {
            name: 'gzipped bytes per household',
            value: wire / households,
            unit: 'bytes',
            target: { op: '<=', value: 1024 },
          },
          { name: 'JSON bytes per household (uncompressed)', value: json / households, unit: 'bytes' },
        ];
      } finally {
        await browser.close();
      }
    } finally {
      await server.stop();
      rmSync(site, { recursive: true, force: true });
    }
  },
};

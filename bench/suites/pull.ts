/**
 * pull: an enumerator's first sync of an area with 2,000 households (5 members each, about 10,000 individuals).
 * Measured twice: over HTTP alone (pages of 1,000, gzip, as any client would), and by the real client — the app's
 * sync engine writing into IndexedDB in headless Chromium — from start to the last household stored.
 */
import type { HouseholdDoc, HouseholdsPullResponse } from '@kusanya/schemas';
import { rmSync } from 'node:fs';
import { databasePath, openDatabase } from '../../server/src/db/database.js';
import { LocationTree } from '../../server/src/domain/scope.js';
import { locationsRepository } from '../../server/src/repositories/locations.js';
import { registryRepository } from '../../server/src/repositories/registry.js';
import { registerHouseholdDoc } from '@kusanya/tools/factories/registry';
import { seededRandom, syntheticHouseholdDoc } from '@kusanya/tools/factories/households';
import { buildDriverSite, launchChromium } from '../lib/browser.js';
import { httpClient, startBenchServer } from '../lib/server.js';
import type { BenchSuite } from '../lib/types.js';
import type { BenchWindow } from '../browser/api.js';

const MINE = ['CL03010101', 'CL03010102'];
const ELSEWHERE = ['CL03010201', 'CL03020101', 'CL05010101', 'CL05020202'];

/** The registry of the area (and of other collines, so that scoping does real work), written through the repository. */
function seedRegistry(dataDir: string, mine: number, elsewhere: number): void {
  const random = seededRandom(2026);
  const docs: HouseholdDoc[] = [];
  for (let i = 0; i < mine + elsewhere; i++) {
    const area = i < mine ? MINE[i % MINE.length]! : ELSEWHERE[i % ELSEWHERE.length]!;
    docs.push(syntheticHouseholdDoc(random, area, i));
  }
  // Interleave, as approvals across the country would.
  docs.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
  const db = openDatabase(databasePath(dataDir));
  const registry = registryRepository(db);
  const tree = new LocationTree(locationsRepository(db).nodes());
  db.transaction(() => docs.forEach((doc) => registerHouseholdDoc(registry, tree, doc)))();
  db.close();
}

export const suite: BenchSuite = {
  name: 'pull',
  description: "an enumerator's first sync of an area with 2,000 households (5 members each)",
  async run({ quick, log }) {
    const households = quick ? 200 : 2_000;
    const site = await buildDriverSite();
    const server = await startBenchServer({ CLIENT_DIR: site });
    try {
      seedRegistry(server.dataDir, households, households * 1.5);
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

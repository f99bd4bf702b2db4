/** Checkpoints happen in the background: pushes only append to the write-ahead log. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, syntheticHouseholdSubmission } from '@kusanya/tools/factories/households';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the background checkpointer', () => {
  it('copies committed pushes from the log into the database file without a commit doing it', async () => {
    const { token, user } = await server.login('enumerator');
    const file = join(server.dataDir, 'kusanya.sqlite');
    const before = statSync(file).size;
    const random = seededRandom(3);
    // ~9 MB of versions and records: far below the 40 MB at which a commit would checkpoint by itself.
    for (let batch = 0; batch < 6; batch++) {
      const rows = Array.from({ length: 200 }, () => ({
        assumedMasterState: null,
        newDocumentState: syntheticHouseholdSubmission(random, user.id, 'CL03010101'),
      }));
      const res = await server.as(token, { method: 'POST', url: '/api/sync/submissions/push', payload: rows });
      expect(res.statusCode).toBe(200);
    }
    await expect.poll(() => statSync(file).size - before, { timeout: 5_000 }).toBeGreaterThan(4 * 1024 * 1024);
  });
});

/**
 * The e2e server's administration CLI (`npm run cli -w @kusanya/server`, the one an administrator runs), on the
 * server's data directory while it runs: what no API shows, read as an administrator would read it.
 */
import type { Submission } from '@kusanya/schemas';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** One version of a record as `submission versions --json` prints it (the fields the tests read). */
export interface ReceivedVersion {
  rev: number;
  source: 'device' | 'server';
  accepted: boolean;
  doc: Submission;
}

async function cli(...args: string[]): Promise<string> {
  const dataDir = process.env['E2E_DATA_DIR'];
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const { stdout } = await promisify(execFile)(
    join(root, 'node_modules/.bin/tsx'),
    [join(root, 'server/src/cli/main.ts'), ...args],
    { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

/** Every version the server received for each record, accepted or refused, oldest first (one CLI run). */
export async function receivedVersions(ids: readonly string[]): Promise<Map<string, ReceivedVersion[]>> {
  const shown = JSON.parse(await cli('submission', 'versions', ...ids, '--json')) as {
    id: string;
    versions: ReceivedVersion[];
  }[];
  return new Map(shown.map((r) => [r.id, r.versions]));
}

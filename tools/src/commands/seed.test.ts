import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** `npm run cli -- ...args` on a fresh data directory (or `dataDir`), as a person runs it. */
async function cli(args: string[], env: Record<string, string> = {}, dataDir = fresh()) {
  const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), ['tools/src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
  });
  return { stdout, dataDir };
}
function fresh(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kusanya-seed-'));
  dirs.push(dir);
  return dir;
}

describe('npm run cli -- seed', () => {
  it('demo: seeds an empty database once and prints the demo logins, as `npm start` shows them', async () => {
    const first = await cli(['seed', 'demo']);
    expect(first.stdout).toContain('the location hierarchy is a SAMPLE');
    expect(first.stdout).toMatch(/enumerator\s+kusanya-demo\s+enumerator\s+CL03010101, CL03010102/);
    expect(first.stdout).toMatch(/admin\s+kusanya-demo\s+admin\s+BI/);
    const again = await cli(['seed', 'demo'], {}, first.dataDir);
    expect(again.stdout).toBe('');
    const users = await cli(['user', 'list', '--json'], {}, first.dataDir);
    expect((JSON.parse(users.stdout) as { username: string }[]).map((u) => u.username).sort()).toEqual([
      'admin',
      'enumerator',
      'grievance',
      'hq',
      'supervisor',
    ]);
  });

  it('demo: does nothing with SEED_DEMO=false', async () => {
    const off = await cli(['seed', 'demo'], { SEED_DEMO: 'false' });
    expect(off.stdout).toBe('');
    expect(JSON.parse((await cli(['user', 'list', '--json'], {}, off.dataDir)).stdout)).toEqual([]);
  });

  it('synthetic: generates a registry through the bulk-load repository and reports it', async () => {
    const { stdout } = await cli(['seed', 'synthetic', '--households', '60', '--seed', '3', '--until', '2026-11-20']);
    expect(stdout).toContain('Demo users and sample locations created.');
    expect(stdout).toMatch(/households 60, people \d+ in 1 collines/);
    expect(stdout).toContain('synthetic 2025 scheme, flagged as sample');
  });
});

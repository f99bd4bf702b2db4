import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverNodeOptions } from '../../scripts/server-heap.mjs';
import { freePort } from '../../server/test/process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ProductionServer {
  url: string;
  /** Resets the process's peak RSS (so a figure covers one phase only). */
  resetPeak(): void;
  /** The peak RSS since the start or the last reset, in MB. */
  peakMb(): number;
  stop(): void;
}

/**
 * The server as `npm start` runs it (same heap limit), on an existing data directory, without seeding: for
 * figures of time and memory over HTTP. Linux only for the memory figures (/proc).
 */
export async function startProductionServer(dataDir: string): Promise<ProductionServer> {
  const port = await freePort();
  const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'server/src/server.ts')], {
    env: {
      ...process.env,
      NODE_OPTIONS: serverNodeOptions(),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: '',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i += 1) {
      try {
        if ((await fetch(`${url}/api/health`)).ok) break;
      } catch {
        if (i > 300) throw new Error('server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  // The node process serving requests (tsx runs the server in a child of its own).
  const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/);
  const pid = children[0] ? Number(children[0]) : child.pid!;
  return {
    url,
    resetPeak: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    peakMb: () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop: () => void child.kill('SIGTERM'),
  };
}

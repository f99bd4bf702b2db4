/// <reference lib="dom" />
/**
 * The harness of the render-latency suites (forms, xlsforms): the app built and served, a change made in the page
 * and timed to the next frame, repeated at a person's pace, and the suite run on its own from the command line.
 */
import type { Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { percentile, round } from './stats.js';
import type { Figure } from './types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One change on screen. */
export interface Timing {
  /** From the event to the updated screen (the next frame after React committed). */
  total: number;
  /** The script part: the engine and React handling the event and committing to the DOM. */
  script: number;
}

/** User-timing marks the page-side timer leaves around each change (for a trace: see main-thread-cpu.ts). */
export const CHANGE_MARK = 'kusanya:change';
export const FRAME_MARK = 'kusanya:frame';

/**
 * The page-side timer, installed before the app loads (an init script): `__timeChange(act, check)` runs `act` (which
 * dispatches the event; React renders synchronously for it), then takes the time after the next frame, and rejects if
 * `check()` says the screen does not show the change. `__name` is the helper tsx's functions sent to the page call.
 */
export const TIMER_SCRIPT = `globalThis.__name = (f) => f;
globalThis.__timeChange = (act, check, what) =>
  new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    performance.mark('${CHANGE_MARK}');
    const start = performance.now();
    act();
    const script = performance.now() - start;
    requestAnimationFrame(() => {
      channel.port1.onmessage = () => {
        const total = performance.now() - start;
        performance.mark('${FRAME_MARK}');
        if (check()) resolve({ total, script });
        else reject(new Error('the screen did not show the change (' + what + ')'));
      };
      channel.port2.postMessage(null);
    });
  });`;

/** The page side of {@link TIMER_SCRIPT}, for the functions a suite sends to the page. */
export type TimeChange = (act: () => void, check: () => boolean, what: string) => Promise<Timing>;

/**
 * client/dist, built now if it is missing or older than the client's or shared code's sources
 * (`BENCH_CLIENT_DIR=dir` measures another build, e.g. the previous release's, for before/after).
 */
export function clientDir(log: (line: string) => void): string {
  const override = process.env['BENCH_CLIENT_DIR'];
  if (override) return override;
  const dist = join(ROOT, 'client/dist');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  const built = existsSync(join(dist, 'sw.js')) ? statSync(join(dist, 'sw.js')).mtimeMs : 0;
  if (built < Math.max(newest(join(ROOT, 'client/src')), newest(join(ROOT, 'shared/src')))) {
    log('building the client (client/dist is missing or older than its sources)');
    const result = spawnSync('npm', ['run', 'build', '-w', 'client'], { cwd: ROOT, stdio: 'ignore' });
    if (result.status !== 0) throw new Error('the client build failed');
  }
  return dist;
}

/** POSTs JSON (with a bearer token) and returns the JSON answer; throws on an error status. */
export async function postJson<T>(url: string, token: string | null, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How many changes {@link timeRepeatedly} makes: first `warmup` not counted, then `iterations` measured. */
export function repetitions(quick: boolean): { iterations: number; warmup: number } {
  return quick ? { iterations: 20, warmup: 3 } : { iterations: 100, warmup: 10 };
}

/**
 * Times `change(page, step)` again and again at about the pace of a person tapping (the draft is saved between
 * changes, as in the field): a few warm-up changes, then the measured ones. Logs the median and p95.
 */
export async function timeRepeatedly(
  page: Page,
  what: string,
  change: (page: Page, step: number) => Promise<Timing>,
  options: { quick: boolean; log: (line: string) => void },
): Promise<Timing[]> {
  const { iterations, warmup } = repetitions(options.quick);
  const timings: Timing[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const timing = await change(page, i);
    if (i >= warmup) timings.push(timing);
    await sleep(120);
  }
  const totals = timings.map((t) => t.total);
  options.log(`${what}: median ${round(percentile(totals, 50), 2)} ms, p95 ${round(percentile(totals, 95), 2)} ms`);
  return timings;
}

/** Runs a suite on its own when its file is the command (`npx tsx bench/suites/x.ts [--quick]`). */
export function runStandalone(
  moduleUrl: string,
  run: (options: { quick: boolean; log: (line: string) => void }) => Promise<Figure[]>,
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  run({ quick: process.argv.includes('--quick'), log }).then(
    (figures) => {
      for (const f of figures)
        process.stdout.write(
          `${f.name.padEnd(82)} ${String(f.value).padStart(9)} ${f.unit}${f.note ? `  (${f.note})` : ''}\n`,
        );
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}

/**
 * CPU time of the page's main thread for each change the render timer makes (TIMER_SCRIPT's marks): read from a
 * Chrome trace, the thread time of every main-thread task between a change and its updated frame. Unlike the wall
 * time, it does not grow when other processes share the machine's cores (the wall-time tail on a loaded machine is
 * the thread waiting for a core, not work), so before/after comparisons hold at any load. Measured without CPU
 * throttling: Chromium's throttle is itself time on the thread, and varies with the load.
 */
import type { CDPSession, Page } from 'playwright-core';
import { CHANGE_MARK, FRAME_MARK } from './render-timing.js';

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/** Only top-level tasks (with their thread time) and the user-timing marks: little overhead. */
const CATEGORIES = ['toplevel', 'blink.user_timing'];

/** Runs `changes` (timed with TIMER_SCRIPT) under a trace; returns the main thread's CPU ms of each change, in order. */
export async function mainThreadCpu(page: Page, changes: () => Promise<void>): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const events = await traced(cdp, changes);
    return cpuPerChange(events);
  } finally {
    await cdp.detach();
  }
}

async function traced(cdp: CDPSession, changes: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data: { value: object[] }) => events.push(...(data.value as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  try {
    await changes();
  } finally {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
  }
  return events;
}

/** Pairs each change mark with the frame mark after it and sums the thread time of the tasks in between. */
export function cpuPerChange(events: readonly TraceEvent[]): number[] {
  const marks = events.filter((e) => e.name === CHANGE_MARK || e.name === FRAME_MARK).sort((a, b) => a.ts - b.ts);
  if (marks.length === 0) return [];
  const { pid, tid } = marks[0]!;
  // The main thread's top-level tasks: complete events not nested in another one.
  const tasks: TraceEvent[] = [];
  let end = -Infinity;
  const onThread = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  for (const e of onThread) {
    if (e.ts < end) continue;
    tasks.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  const cpu: number[] = [];
  for (let i = 0; i < marks.length - 1; i++) {
    if (marks[i]!.name !== CHANGE_MARK || marks[i + 1]!.name !== FRAME_MARK) continue;
    const from = marks[i]!.ts;
    const to = marks[i + 1]!.ts;
    let micros = 0;
    for (const task of tasks) {
      const start = task.ts;
      const stop = task.ts + (task.dur ?? 0);
      if (stop <= from || start >= to) continue;
      // A task cut by the window counts for the part inside it.
      const inside = (Math.min(stop, to) - Math.max(start, from)) / Math.max(1, task.dur ?? 1);
      micros += task.tdur! * Math.min(1, inside);
    }
    cpu.push(micros / 1000);
  }
  return cpu;
}

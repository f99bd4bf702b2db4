/// <reference lib="dom" />
/**
 * xlsforms: imported XLSForms on the tablet (issue 14).
 *
 * - Import: the largest workbook of the corpus (forms/corpus) that pyxform converts, through the server's
 *   importer (read, convert, check every expression), median of several runs.
 * - Render latency in headless Chromium with the CPU slowed down 4× (CDP `Emulation.setCPUThrottlingRate`),
 *   as a cheap tablet: forms imported as a form designer would (the admin import API, multipart, with the
 *   media file), pulled by the enumerator's app, then filled — from the input event to the next frame after
 *   React committed:
 *   - a 1,000-question form (tools/src/factories/xlsform.ts), shown in pages of 25 questions: typing a text, a
 *     number (which recomputes a 200-term total over the whole form), choosing yes/no, and an answer that shows or
 *     hides the next question;
 *   - typing into the autocomplete of 3,037 collines (`select_one_from_file collines.csv`, search folded on
 *     every keystroke).
 * - The 1,000-question form's answers again without throttling, traced: the main thread's CPU time from each answer to
 *   its frame (bench/lib/main-thread-cpu.ts), a figure the machine's load does not move.
 *
 * Standalone: `npx tsx bench/suites/xlsforms.ts [--quick]` (builds the client first if client/dist is missing).
 */
import type { LoginResponse } from '@kusanya/schemas';
import {
  ALL_TYPES_TITLE,
  allTypesWorkbook,
  collinesCsv,
  LARGE_FORM_TITLE,
  largeFormWorkbook,
} from '@kusanya/tools/factories/xlsform';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { importXlsform } from '../../server/src/xlsform/import-workbook.js';
import { startServerProcess } from '../../server/test/process.js';
import { launchChromium } from '../lib/browser.js';
import { mainThreadCpu } from '../lib/main-thread-cpu.js';
import {
  clientDir,
  postJson,
  repetitions,
  runStandalone,
  timeRepeatedly,
  TIMER_SCRIPT,
  type TimeChange,
  type Timing,
} from '../lib/render-timing.js';
import { percentile, round } from '../lib/stats.js';
import type { BenchSuite, Figure } from '../lib/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = join(ROOT, 'forms/corpus');
const THROTTLE = 4;
const GOAL_MS = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- import

/** The largest workbook (in bytes) of the corpus that pyxform converts. */
function largestCorpusWorkbook(): { file: string; bytes: number } {
  const verdicts = JSON.parse(readFileSync(join(CORPUS, 'verdicts.json'), 'utf8')) as Record<
    string,
    { pyxform: string; odkValidate?: string }
  >;
  const files = Object.entries(verdicts)
    .filter(([, v]) => v.pyxform === 'converts' && v.odkValidate !== 'refuses')
    .map(([file]) => ({ file, bytes: statSync(join(CORPUS, file)).size }))
    .sort((a, b) => b.bytes - a.bytes);
  return files[0]!;
}

async function importTimes(file: string, runs: number): Promise<{ times: number[]; questions: number }> {
  const bytes = readFileSync(join(CORPUS, file));
  const times: number[] = [];
  let questions = 0;
  for (let i = 0; i < runs + 1; i++) {
    const started = performance.now();
    const result = await importXlsform(bytes, { formId: 'bench' });
    const elapsed = performance.now() - started;
    if (!result.ok) throw new Error(`${file} does not import: ${JSON.stringify(result.problems.slice(0, 3))}`);
    const count = (nodes: readonly { children?: readonly unknown[] }[]): number =>
      nodes.reduce((n, node) => n + 1 + count((node.children ?? []) as { children?: readonly unknown[] }[]), 0);
    questions = count(result.definition.fields);
    if (i > 0) times.push(elapsed); // the first run loads the code
  }
  return { times, questions };
}

// ---- the forms on the tablet

const LARGE_FORM_KINDS = [
  '1,000 questions: text',
  '1,000 questions: number (200-term total)',
  '1,000 questions: yes/no',
  '1,000 questions: answer showing the next question',
] as const;

type Kind =
  | (typeof LARGE_FORM_KINDS)[number]
  | '3,037-choice autocomplete: typing'
  /** No change at all: the time to the next frame on this machine, for reading the others. */
  | 'empty frame (reference)';

/** What the 1,000-question form's answers cost the page's main thread, without throttling (see main-thread-cpu.ts). */
type CpuByKind = Map<Kind, number[]>;

/** One change timed in the page: the event dispatched, then the time after the next frame; rejects if the screen is wrong. */
function timeChange(page: Page, kind: Kind, step: number): Promise<Timing> {
  return page.evaluate(
    ({ kind, step }) => {
      const q = (name: string) => document.querySelector(`[data-question="${name}"]`);
      const type = (el: HTMLInputElement, value: string) => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      };
      let act: () => void;
      let check: () => boolean;
      if (kind === 'empty frame (reference)') {
        act = () => undefined;
        check = () => true;
      } else if (kind === '1,000 questions: text') {
        const input = q('q2')!.querySelector('input')!;
        const value = `Réponse ${step}`;
        act = () => type(input, value);
        check = () => input.value === value;
      } else if (kind === '1,000 questions: number (200-term total)') {
        const input = q('q1')!.querySelector('input')!;
        const value = String(10 + step);
        act = () => type(input, value);
        check = () => input.value === value;
      } else if (kind === '1,000 questions: yes/no') {
        const radio = q('q3')!.querySelectorAll<HTMLInputElement>('input[type=radio]')[step % 2]!;
        act = () => radio.click();
        check = () => radio.checked;
      } else if (kind === '1,000 questions: answer showing the next question') {
        // q10 is relevant when q9 is answered.
        const input = q('q9')!.querySelector('input')!;
        const value = step % 2 === 0 ? '5' : '';
        act = () => type(input, value);
        check = () => (q('q10') !== null) === (value !== '');
      } else {
        // A colline's code typed one character at a time, then cleared: "C", "CL", … "CL0301010", "".
        const input = q('colline')!.querySelector<HTMLInputElement>('input[role=combobox]')!;
        const code = 'CL0301010';
        const value = code.slice(0, step % (code.length + 1));
        act = () => type(input, value);
        check = () => input.value === value && (value === '' || q('colline')!.querySelector('[role=status]') !== null);
      }
      const timeChange = (window as unknown as { __timeChange: TimeChange }).__timeChange;
      return timeChange(act, check, `${kind}, step ${step}`);
    },
    { kind, step },
  );
}

/** Publishes a workbook and its media files through the admin import API, as the admin screen sends them. */
async function publish(base: string, token: string, name: string, workbook: Buffer, media: Record<string, string>) {
  const body = new FormData();
  body.append('workbook', new Blob([new Uint8Array(workbook)]), name);
  for (const [file, text] of Object.entries(media)) body.append('media', new Blob([text], { type: 'text/csv' }), file);
  const res = await fetch(`${base}/api/admin/forms/import?publish=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body,
  });
  if (!res.ok) throw new Error(`publishing ${name}: ${res.status} ${await res.text()}`);
}

async function renderLatency(
  quick: boolean,
  log: (line: string) => void,
): Promise<{ samples: Map<Kind, Timing[]>; cpu: CpuByKind }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-bench-xlsforms-'));
  const server = await startServerProcess(dataDir, { CLIENT_DIR: clientDir(log), LOGIN_RATE_LIMIT: '1000' });
  const browser = await launchChromium();
  const samples = new Map<Kind, Timing[]>();
  const cpu: CpuByKind = new Map();
  try {
    const admin = await postJson<LoginResponse>(`${server.url}/api/auth/login`, null, {
      username: 'admin',
      password: 'kusanya-demo',
    });
    await publish(server.url, admin.token, 'large.xlsx', largeFormWorkbook(1000), {});
    await publish(server.url, admin.token, 'all_types.xlsx', allTypesWorkbook(), {
      'collines.csv': collinesCsv().text,
    });

    const context = await browser.newContext({ viewport: { width: 800, height: 1280 }, serviceWorkers: 'block' });
    await context.addInitScript({ content: TIMER_SCRIPT });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel("Nom d'utilisateur").fill('enumerator');
    await page.getByLabel('Mot de passe').fill('kusanya-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: `+ ${ALL_TYPES_TITLE}` }).waitFor({ timeout: 120_000 });
    // The colline list comes with the form: wait until the app has stored collines.csv.
    for (let waited = 0; ; waited += 250) {
      const stored = await page.evaluate(
        async () => (await (await caches.open('kusanya-form-media-v1')).keys()).length,
      );
      if (stored > 0) break;
      if (waited > 60_000) throw new Error('the form media never reached the device');
      await sleep(250);
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });

    const run = async (kind: Kind) =>
      samples.set(kind, await timeRepeatedly(page, kind, (p, step) => timeChange(p, kind, step), { quick, log }));

    await page.getByRole('button', { name: `+ ${LARGE_FORM_TITLE}` }).click();
    // Its first page (a long run of questions is shown in pages of 25; the engine holds all 1,000).
    await page.locator('[data-question="q25"]').waitFor({ timeout: 120_000 });
    for (const kind of LARGE_FORM_KINDS) await run(kind);
    // The same answers again, unthrottled and traced: the main thread's CPU time for each.
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const { warmup } = repetitions(quick);
    for (const kind of LARGE_FORM_KINDS) {
      const times = await mainThreadCpu(page, async () => {
        await timeRepeatedly(page, `${kind}, unthrottled`, (p, step) => timeChange(p, kind, step), { quick, log });
      });
      cpu.set(kind, times.slice(warmup));
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });

    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: `+ ${ALL_TYPES_TITLE}` }).click({ timeout: 120_000 });
    await page.locator('[data-question="colline"] input[role=combobox]').waitFor({ timeout: 60_000 });
    await run('3,037-choice autocomplete: typing');
    await run('empty frame (reference)');
    await context.close();
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { samples, cpu };
}

// ---- the suite

export async function run(options: { quick: boolean; log: (line: string) => void }): Promise<Figure[]> {
  const { log } = options;
  const largest = largestCorpusWorkbook();
  const imports = await importTimes(largest.file, options.quick ? 3 : 10);
  log(`import ${largest.file}: median ${round(percentile(imports.times, 50))} ms`);
  const { samples: render, cpu } = await renderLatency(options.quick, log);
  const largeCpu = [...cpu.values()].flat();
  const numberCpu = cpu.get('1,000 questions: number (200-term total)') ?? [];
  const total = (timings: readonly Timing[]) => timings.map((t) => t.total);
  const script = (timings: readonly Timing[]) => timings.map((t) => t.script);
  const largeKinds = [...render.entries()].filter(([kind]) => kind.startsWith('1,000'));
  const large = largeKinds.flatMap(([, t]) => t);
  const autocomplete = render.get('3,037-choice autocomplete: typing')!;
  const reference = total(render.get('empty frame (reference)')!);
  const ms = (values: readonly number[], p: number) => round(percentile(values, p), 2);
  return [
    {
      name: `render: answer → updated screen, 1,000-question form, CPU ÷${THROTTLE}, p95`,
      value: ms(total(large), 95),
      unit: 'ms',
      target: { op: '<=', value: GOAL_MS },
      note: `${large.length} answers of 4 kinds; median ${ms(total(large), 50)} ms`,
    },
    ...largeKinds.map(([kind, timings]) => ({
      name: `render p95: ${kind}`,
      value: ms(total(timings), 95),
      unit: 'ms',
    })),
    {
      name: '1,000-question form, script part (engine + React commit), p95',
      value: ms(script(large), 95),
      unit: 'ms',
      note: `median ${ms(script(large), 50)} ms; the rest is the browser laying out and painting the frame`,
    },
    {
      name: '1,000-question form: main-thread CPU per answer (unthrottled, traced), p95',
      value: ms(largeCpu, 95),
      unit: 'ms',
      note: `median ${ms(largeCpu, 50)} ms over ${largeCpu.length} answers; number into the 200-term total p95 ${ms(numberCpu, 95)} ms; thread time, so it holds at any machine load (the wall time's tail is waiting for a core)`,
    },
    {
      name: `render: keystroke → updated matches, 3,037-choice autocomplete, CPU ÷${THROTTLE}, p95`,
      value: ms(total(autocomplete), 95),
      unit: 'ms',
      target: { op: '<=', value: GOAL_MS },
      note: `${autocomplete.length} keystrokes; median ${ms(total(autocomplete), 50)} ms; script part p95 ${ms(script(autocomplete), 95)} ms`,
    },
    {
      name: 'reference: time to the next frame with no change, p95',
      value: ms(reference, 95),
      unit: 'ms',
      note: `median ${ms(reference, 50)} ms; what this machine adds before any work (other processes sharing the CPU)`,
    },
    {
      name: 'import the largest corpus workbook, median',
      value: round(percentile(imports.times, 50)),
      unit: 'ms',
      note: `${largest.file} (${round(largest.bytes / 1024)} KB, ${imports.questions} nodes), ${imports.times.length} runs`,
    },
  ];
}

export const suite: BenchSuite = {
  name: 'xlsforms',
  description:
    'imported XLSForms: render latency of a 1,000-question form and a 3,037-choice autocomplete (CPU ÷4), import time',
  run: (ctx) => run(ctx),
};

runStandalone(import.meta.url, run);

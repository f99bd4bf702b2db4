/// <reference lib="dom" />
/**
 * forms: the form renderer and engine (issue 3).
 *
 * - Render latency: the household survey with a 30-member roster in headless Chromium with the CPU
 *   slowed down 4× (CDP `Emulation.setCPUThrottlingRate`), like a cheap tablet. Measured in the page:
 *   from the moment an answer changes (the input event, dispatched in the page) to the next frame after
 *   React committed, for four kinds of answers: typing a member's name, choosing a member's sex, changing
 *   a member's relationship (which re-checks every member of the roster), and a household number;
 *   and, for reading them, the time to the next frame when nothing changes on this machine.
 * - Validation: `benchValidation` (shared/src/form/bench.ts) on the household definition imported
 *   from forms/household_survey.xlsx, with a 10-member household.
 * - App shell: gzipped size of every JS and CSS file the service worker precaches (client/dist/sw.js).
 *
 * Standalone: `npx tsx bench/suites/forms.ts [--quick]` (builds the client first if client/dist is missing).
 */
import type { LoginResponse } from '@kusanya/schemas';
import { benchValidation } from '@kusanya/shared/form/bench';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { importXlsform } from '../../server/src/xlsform/import-workbook.js';
import { startServerProcess } from '../../server/test/process.js';
import { launchChromium } from '../lib/browser.js';
import {
  clientDir,
  postJson,
  runStandalone,
  timeRepeatedly,
  TIMER_SCRIPT,
  type TimeChange,
  type Timing,
} from '../lib/render-timing.js';
import { percentile, round } from '../lib/stats.js';
import type { BenchSuite, Figure } from '../lib/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROSTER = 30;
const OPEN_MEMBER = 14;
const THROTTLE = 4;

// ---- app shell

/** Gzipped bytes of every JS and CSS file in the service worker's precache manifest. */
export function shellGzipBytes(dist: string): { bytes: number; files: number } {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!).filter((u) => /\.(js|css)$/.test(u));
  if (urls.length === 0) throw new Error('no JS or CSS in the precache manifest of client/dist/sw.js');
  const bytes = urls.reduce((sum, url) => sum + gzipSync(readFileSync(join(dist, url)), { level: 9 }).length, 0);
  return { bytes, files: urls.length };
}

// ---- render latency

type Kind =
  | 'member name (text)'
  | 'member sex (choice)'
  | 'member relationship (roster rule)'
  | 'household rooms (number)'
  /** No answer at all: the time to the next frame on this machine, for reading the others. */
  | 'empty frame (reference)';

/**
 * One answer change, timed in the page: the input event is dispatched (React renders synchronously
 * for it), then the time is taken after the next frame. Rejects if the screen does not show the new
 * answer.
 */
function timeAnswer(page: Page, kind: Kind, step: number): Promise<Timing> {
  return page.evaluate(
    ({ kind, step }) => {
      const q = (name: string) => document.querySelector(`[data-question="${name}"]`);
      const setValue = (el: HTMLInputElement | HTMLSelectElement, value: string, event: string) => {
        const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
        el.dispatchEvent(new Event(event, { bubbles: true }));
      };
      let act: () => void;
      let check: () => boolean;
      if (kind === 'empty frame (reference)') {
        act = () => undefined;
        check = () => true;
      } else if (kind === 'member name (text)') {
        const input = q('first_name')!.querySelector('input')!;
        const heading = document.querySelector('.entry h2')!;
        const value = `Nom${step}`;
        act = () => setValue(input, value, 'input');
        check = () => heading.textContent!.includes(value);
      } else if (kind === 'member sex (choice)') {
        const radios = q('sex')!.querySelectorAll<HTMLInputElement>('input[type=radio]');
        const radio = radios[step % 2]!;
        act = () => radio.click();
        check = () => radio.checked;
      } else if (kind === 'member relationship (roster rule)') {
        const select = q('relationship')!.querySelector('select')!;
        const value = step % 2 === 0 ? 'HEAD' : 'SON';
        act = () => setValue(select, value, 'change');
        // A second head breaks the rule on this member's relationship.
        check = () =>
          select.value === value && (value === 'HEAD') === (q('relationship')!.querySelector('.field-error') !== null);
      } else {
        const input = q('rooms')!.querySelector('input')!;
        const value = String(2 + (step % 5));
        act = () => setValue(input, value, 'input');
        check = () => input.value === value;
      }
      const timeChange = (window as unknown as { __timeChange: TimeChange }).__timeChange;
      return timeChange(act, check, `${kind}, step ${step}`);
    },
    { kind, step },
  );
}

/**
 * Opens a 30-member household in the renderer through the app's own paths: the record is pushed for
 * the enumerator with one broken answer, so the server quarantines it; the tablet pulls it and the
 * enumerator opens it for correction.
 */
async function openLargeHousehold(page: Page, base: string, householdVersion: string): Promise<void> {
  const enumerator = await postJson<LoginResponse>(`${base}/api/auth/login`, null, {
    username: 'enumerator',
    password: 'kusanya-demo',
  });
  const now = new Date().toISOString();
  const record = submissionFixture({
    formVersion: householdVersion,
    data: { ...sampleHousehold(ROSTER), rooms: 0 },
    meta: { enumeratorId: enumerator.user.id, deviceId: 'bench', startedAt: now, finalizedAt: now },
    updatedAt: Date.now(),
  });
  await postJson(`${base}/api/sync/submissions/push`, enumerator.token, [
    { assumedMasterState: null, newDocumentState: record },
  ]);

  await page.goto(`${base}/`);
  await page.getByLabel("Nom d'utilisateur").fill('enumerator');
  await page.getByLabel('Mot de passe').fill('kusanya-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: "Boîte d'envoi" }).click();
  const item = page.locator(`[data-testid="outbox-item"][data-status="needs_correction"]`);
  await item.getByRole('button', { name: 'Corriger' }).click({ timeout: 60_000 });
  await page.locator('.screen-title').waitFor();
}

async function goToSection(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: '☰ Sections' }).click();
  await page.locator('.sections-panel .section-button', { hasText: title }).click();
  await page.locator('.screen-title', { hasText: title }).waitFor();
}

async function renderLatency(
  quick: boolean,
  dist: string,
  householdVersion: string,
  log: (line: string) => void,
): Promise<Map<Kind, Timing[]>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-bench-forms-'));
  const server = await startServerProcess(dataDir, { CLIENT_DIR: dist, LOGIN_RATE_LIMIT: '1000' });
  const browser = await launchChromium();
  const samples = new Map<Kind, Timing[]>();
  try {
    const context = await browser.newContext({ viewport: { width: 800, height: 1280 }, serviceWorkers: 'block' });
    await context.addInitScript({ content: TIMER_SCRIPT });
    const page = await context.newPage();
    await openLargeHousehold(page, server.url, householdVersion);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    const run = async (kind: Kind) =>
      samples.set(kind, await timeRepeatedly(page, kind, (p, step) => timeAnswer(p, kind, step), { quick, log }));

    await goToSection(page, 'Membres du ménage');
    await page.locator('.entry-open').nth(OPEN_MEMBER).click();
    await page.locator('.entry [data-question="first_name"]').waitFor();
    await run('member name (text)');
    await run('member sex (choice)');
    await run('member relationship (roster rule)');
    await goToSection(page, 'Logement');
    await run('household rooms (number)');
    await run('empty frame (reference)');
    await context.close();
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  return samples;
}

// ---- the suite

export async function run(options: { quick: boolean; log: (line: string) => void }): Promise<Figure[]> {
  const { log } = options;
  const dist = clientDir(log);
  const imported = await importXlsform(readFileSync(join(ROOT, 'forms/household_survey.xlsx')));
  if (!imported.ok) throw new Error('forms/household_survey.xlsx does not import');
  const household = imported.definition;

  const shell = shellGzipBytes(dist);
  const validation = await benchValidation(household, options.quick ? { iterations: 500, warmup: 100 } : {});
  if (validation.errors > 0) throw new Error('the sample household is not valid: the validation figure would be wrong');
  const render = await renderLatency(options.quick, dist, household.version, log);
  const reference = render.get('empty frame (reference)')!.map((t) => t.total);
  render.delete('empty frame (reference)');
  const all = [...render.values()].flat().map((t) => t.total);
  const script = [...render.values()].flat().map((t) => t.script);

  return [
    {
      name: `render: answer → updated screen, ${ROSTER}-member roster, CPU ÷${THROTTLE}, median`,
      value: round(percentile(all, 50), 2),
      unit: 'ms',
      note: `${all.length} answers of 4 kinds`,
    },
    {
      name: `render: answer → updated screen, ${ROSTER}-member roster, CPU ÷${THROTTLE}, p95`,
      value: round(percentile(all, 95), 2),
      unit: 'ms',
      target: { op: '<=', value: 50 },
    },
    ...[...render.entries()].map(([kind, times]) => ({
      name: `render p95: ${kind}`,
      value: round(
        percentile(
          times.map((t) => t.total),
          95,
        ),
        2,
      ),
      unit: 'ms',
    })),
    {
      name: 'render, script part (engine + React commit), median',
      value: round(percentile(script, 50), 2),
      unit: 'ms',
      note: 'the rest of the render time is the browser laying out and painting the frame',
    },
    { name: 'render, script part (engine + React commit), p95', value: round(percentile(script, 95), 2), unit: 'ms' },
    {
      name: 'reference: time to the next frame with no answer, p95',
      value: round(percentile(reference, 95), 2),
      unit: 'ms',
      note: `median ${round(percentile(reference, 50), 2)} ms; what this machine adds before any work (e.g. when other processes share the CPU)`,
    },
    {
      name: `validate one ${validation.members}-member household, median`,
      value: round(validation.validateMedianMs, 3),
      unit: 'ms',
      target: { op: '<=', value: 0.2 },
    },
    {
      name: `validate one ${validation.members}-member household, p95`,
      value: round(validation.validateP95Ms, 3),
      unit: 'ms',
    },
    {
      name: 'app shell gzipped (precached JS + CSS)',
      value: round(shell.bytes / 1024, 1),
      unit: 'KB',
      target: { op: '<=', value: 300 },
      note: `${shell.files} files`,
    },
  ];
}

export const suite: BenchSuite = {
  name: 'forms',
  description: 'form renderer latency (30-member roster, CPU ÷4), validation time, app shell size',
  run: (ctx) => run(ctx),
};

runStandalone(import.meta.url, run);

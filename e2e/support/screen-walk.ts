import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { decide, fileGrievance, fileHousehold, fileReport, hqBaseUrl, login, pushRecord } from './hq.js';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';

/**
 * The screen walk (issue 17, point 8), declared by `tests/screen-walk-field.spec.ts` (enumerator, supervisor) and
 * `tests/screen-walk-office.spec.ts` (grievance officer, HQ, administrator), so the two can run in parallel workers:
 * every screen of every role, at a tablet's 800×1280 and a laptop's 1366×768,
 * in French and Kirundi, on the office server (demo users, the programme's forms, a synthetic registry). Each screen
 * fails on: the page scrolling sideways, text clipped by its box, a raw code shown to a person (a colline code,
 * an UPPER_SNAKE value, a field name), an English word on a French or Kirundi screen, and axe-core accessibility
 * violations of serious or critical impact. A screenshot of each screen is kept with the test's results.
 */

const LANGS = ['fr', 'rn'] as const;
const VIEWPORTS = [
  { width: 800, height: 1280 },
  { width: 1366, height: 768 },
] as const;

/** Words that are English and neither French nor Kirundi (a word on a French screen means a missing translation). */
const ENGLISH = [
  'the',
  'and',
  'with',
  'Loading',
  'Save',
  'Cancel',
  'Search',
  'Settings',
  'Household',
  'Households',
  'Grievance',
  'Grievances',
  'Records',
  'Approve',
  'Reject',
  'Submit',
  'pending',
  'approved',
  'rejected',
  'sample',
  'waiting',
  'Error',
  'Sign',
  'Back',
  'Next',
  'Previous',
  'Download',
  'Upload',
  'Users',
  'Devices',
  'Forms',
  'synthetic',
];

/**
 * What a person must never read: a colline code, an UPPER_SNAKE code value, a snake_case field name. Text set as
 * code on purpose (`<code>`: a form's id for its administrator) is not read; nor are the names an administrator
 * types elsewhere (server settings, the columns of the areas file), listed here.
 */
const RAW = [/\bCL\d{8}\b/, /\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b/, /\b[a-z]+(?:_[a-z0-9]+)+\b/];
const ADMIN_TERMS = [
  'BACKUP_INTERVAL_MINUTES',
  'BACKUP_COPY_DIR',
  'BACKUP_COPY_COMMAND',
  'PUBLIC_URL',
  'parent_code',
  'valid_from',
  'valid_to',
];

/** Height the header and the sync bar may take above a form at 800×1280 (they took 256 px before issue 17). */
const MAX_TOP_PX = 200;

interface Screen {
  name: string;
  path: string;
  /** What to do once there to reach the screen (e.g. start a form). */
  then?: (page: Page) => Promise<void>;
}

/** Starts the household survey from home (its button reads "+ <form title>" in any language). */
const startHouseholdForm = async (page: Page) => {
  await page.locator('button', { hasText: /^\+ / }).first().click();
  await expect(page.locator('h1')).toBeVisible();
};

/** The label of the household survey's roster (`members` in forms/household_survey.xlsx), per language. */
const ROSTER_TITLE = { fr: 'Membres du ménage', rn: 'Abagize urugo' } as const;

/** An outbox record on the tablet, once its sync brought it (the record screen says "not found" until then). */
const recordShown = async (page: Page) => {
  await expect(page.getByTestId('record-screen')).toBeVisible({ timeout: 30_000 });
};

/** From a returned record: its correction opens in the form, filled, at the roster with its member cards. */
const correctionRoster = (lang: Lang) => async (page: Page) => {
  await recordShown(page);
  await page.locator('.record .actions button.primary').click();
  await page.locator('.form-progress button[aria-expanded]').click();
  await page.locator('.sections-panel .section-button', { hasText: ROSTER_TITLE[lang] }).click();
  await expect(page.getByTestId('entry-card').first()).toBeVisible();
};

/** …and one member opened, answers shown. */
const correctionMember = (lang: Lang) => async (page: Page) => {
  await correctionRoster(lang)(page);
  await page.getByTestId('entry-card').first().locator('.entry-open').click();
  await expect(page.locator('.entry')).toBeVisible();
};

/** Dashboards once their charts are drawn (uPlot draws into the chart's box after the figures arrive). */
const chartsDrawn = async (page: Page) => {
  await expect(page.locator('main .chart canvas').first()).toBeVisible();
};

export type Role = 'enumerator' | 'supervisor' | 'grievance' | 'hq' | 'admin';
type Lang = (typeof LANGS)[number];

/** What the walk opens: records and tickets made for it in the demo commune (the supervisor's), and the registry's. */
interface WalkIds {
  /** A household survey waiting for the supervisor's review. */
  record: string | null;
  /** A household survey the supervisor returned to the enumerator with a comment. */
  returned: string | null;
  household: string | null;
  /** A ticket filed in the demo commune. */
  ticket: string | null;
}

/** The supervisor's commune (demo users): grievance lists are also walked filtered to it. */
const DEMO_COMMUNE = 'C0301';

function screensOf(role: Role, lang: Lang, ids: WalkIds): Screen[] {
  const dashboards = [
    { name: 'dashboards', path: '/hq/dashboards', then: chartsDrawn },
    { name: 'dashboards-operations', path: '/hq/dashboards?tab=operations', then: chartsDrawn },
  ];
  const grievances = [
    { name: 'grievances', path: '/hq/grievances' },
    { name: 'grievances-commune', path: `/hq/grievances?area=${DEMO_COMMUNE}` },
    ...(ids.ticket ? [{ name: 'ticket', path: `/hq/grievances/${ids.ticket}` }] : []),
  ];
  const hq = [
    { name: 'registry', path: '/hq/registry' },
    ...(ids.household ? [{ name: 'household', path: `/hq/households/${ids.household}` }] : []),
    ...dashboards,
    { name: 'exports', path: '/hq/exports' },
  ];
  switch (role) {
    case 'enumerator':
      return [
        { name: 'home', path: '/' },
        { name: 'outbox', path: '/outbox' },
        ...(ids.returned
          ? [
              { name: 'outbox-record', path: `/outbox/${ids.returned}`, then: recordShown },
              { name: 'form-roster', path: `/outbox/${ids.returned}`, then: correctionRoster(lang) },
              { name: 'form-member', path: `/outbox/${ids.returned}`, then: correctionMember(lang) },
            ]
          : []),
        { name: 'households', path: '/households' },
        { name: 'settings', path: '/settings' },
        { name: 'form', path: '/', then: startHouseholdForm },
      ];
    case 'supervisor':
      return [
        { name: 'queue', path: '/review' },
        { name: 'record', path: `/review/${ids.record ?? ''}` },
        { name: 'team', path: '/team' },
        ...hq,
      ];
    case 'grievance':
      // The grievance officer's menu: grievances and exports (dashboards are for HQ and supervisors).
      return [...grievances, { name: 'exports', path: '/hq/exports' }];
    case 'hq':
      return [...hq, { name: 'targets', path: '/hq/targets' }, ...grievances];
    case 'admin':
      return ['users', 'areas', 'devices', 'forms', 'forms/import', 'audit', 'backups', 'api-tokens', 'pairing'].map(
        (name) => ({ name: `admin-${name.replace('/', '-')}`, path: `/admin/${name}` }),
      );
  }
}

/**
 * Data for the role's screens, sent through the API as devices and staff would: a household waiting for review
 * (supervisor), a household returned for correction (enumerator), validated indicator reports of today and
 * household surveys in the demo commune (charts with figures on the supervisor's dashboards), a ticket filed there
 * (grievance officer, HQ).
 */
async function seed(request: APIRequestContext, role: Role): Promise<Pick<WalkIds, 'record' | 'returned'>> {
  if (role === 'enumerator') {
    const sent = await pushRecord(request, 'household_survey', sampleHousehold(4));
    await decide(request, sent, { decision: 'return', comment: 'Vérifiez le nombre de pièces avec le ménage.' });
    return { record: null, returned: sent.id };
  }
  if (role === 'supervisor') {
    const [record] = await Promise.all([
      fileHousehold(request),
      fileReport(request),
      fileReport(request, {
        activity_type: 'CASH_TRANSFER',
        sessions: undefined,
        households_planned: 40,
        households_paid: 36,
        amount_planned: 2_880_000,
        amount_paid: 2_592_000,
      }),
    ]);
    return { record: record.id, returned: null };
  }
  if (role === 'grievance' || role === 'hq') await fileGrievance(request);
  return { record: null, returned: null };
}

/** What is wrong with the screen on view, in words (empty when nothing is). */
async function problemsOf(page: Page, lang: Lang): Promise<string[]> {
  const found = await page.evaluate(
    ({ english, raw, checkEnglish, allowed }) => {
      const problems: string[] = [];
      const doc = document.documentElement;
      if (doc.scrollWidth > window.innerWidth + 1)
        problems.push(`scrolls sideways: ${doc.scrollWidth} px wide in ${window.innerWidth}`);
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('main *, header *, nav *'))) {
        if (!el.checkVisibility() || el.children.length > 0 || !el.textContent?.trim()) continue;
        // Text for screen readers only (a 1-pixel box) is clipped on purpose.
        if (el.getBoundingClientRect().width <= 2) continue;
        const style = getComputedStyle(el);
        const clips = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
        if (clips && el.scrollWidth > el.clientWidth + 1)
          problems.push(`clipped text: "${el.textContent.trim().slice(0, 60)}"`);
      }
      // What a person reads: visible text outside code set as such.
      const parts: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('code, pre, kbd, script, style') || !parent.checkVisibility()) continue;
        parts.push(node.textContent ?? '');
      }
      let text = parts.join(' ');
      for (const term of allowed) text = text.split(term).join(' ');
      for (const source of raw) {
        const match = new RegExp(source, 'g').exec(text);
        if (match) problems.push(`raw code or field name: "${match[0]}"`);
      }
      if (checkEnglish) {
        const words = new Set(text.split(/[^A-Za-zÀ-ÿ']+/));
        for (const word of english) if (words.has(word)) problems.push(`English word: "${word}"`);
      }
      return problems;
    },
    {
      english: ENGLISH,
      raw: RAW.map((r) => r.source),
      checkEnglish: lang === 'fr' || lang === 'rn',
      allowed: ADMIN_TERMS,
    },
  );
  return found;
}

async function signIn(page: Page, username: string, lang: string): Promise<void> {
  await page.addInitScript((l) => localStorage.setItem('kusanya.language', l), lang);
  await page.goto(`${hqBaseUrl}/`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill('kusanya-demo');
  await page.locator('button[type=submit]').click();
  await expect(page.getByRole('banner').getByText(username, { exact: true })).toBeVisible();
}

/** Waits until the screen has loaded what it shows (no progress bar left, a heading on view). */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('h1, h2').first()).toBeVisible();
  // A progress bar without a value is something loading (those with one show a figure, e.g. against a target).
  await expect(page.locator('main progress:not([value])')).toHaveCount(0, { timeout: 20_000 });
  await page.evaluate(() => document.fonts.ready);
}

/** Declares the walk of `roles`, each in French and in Kirundi (one test per role and language). */
export function walkScreens(roles: readonly Role[]): void {
  for (const lang of LANGS)
    for (const role of roles) {
      test(`the ${role}'s screens in ${lang}: no sideways scroll, clipped text, raw code, English word or serious axe violation`, async ({
        browser,
        request,
      }, testInfo) => {
        test.setTimeout(180_000);
        const [reader, officer, seeded] = await Promise.all([
          login(request, role === 'supervisor' ? 'supervisor' : 'hq'),
          login(request, 'grievance'),
          seed(request, role),
        ]);
        const get = async <T>(token: string, path: string) =>
          (await (
            await request.get(`${hqBaseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
          ).json()) as T;
        const [registry, tickets] = await Promise.all([
          get<{ items: { household: { id: string } | null }[] }>(reader.token, '/api/registry/search?limit=1'),
          get<{ items: { id: string }[] }>(officer.token, `/api/grievances/tickets?limit=1&area=${DEMO_COMMUNE}`),
        ]);
        // A household the reader may open (the supervisor's commune may have none in the synthetic registry).
        const ids: WalkIds = {
          ...seeded,
          household: registry.items[0]?.household?.id ?? null,
          ticket: tickets.items[0]?.id ?? null,
        };
        const context = await browser.newContext({ viewport: VIEWPORTS[0] });
        const page = await context.newPage();
        await signIn(page, role, lang);
        const failures: string[] = [];
        for (const screen of screensOf(role, lang, ids)) {
          for (const viewport of VIEWPORTS) {
            await page.setViewportSize(viewport);
            await page.goto(`${hqBaseUrl}${screen.path}`);
            await settle(page);
            if (screen.then) {
              await screen.then(page);
              await settle(page);
            }
            const where = `${screen.name} ${viewport.width}×${viewport.height}`;
            await page.screenshot({
              path: testInfo.outputPath(`${lang}-${role}-${screen.name}-${viewport.width}.png`),
              fullPage: viewport === VIEWPORTS[0],
            });
            for (const problem of await problemsOf(page, lang)) failures.push(`${where}: ${problem}`);
            if (screen.name === 'form' && viewport === VIEWPORTS[0]) {
              // On a tablet the form keeps most of the screen: the header and the sync bar together stay small.
              const top = await page.evaluate(() =>
                ['header', '[data-testid=sync-bar]']
                  .map((sel) => document.querySelector(sel)?.getBoundingClientRect().height ?? 0)
                  .reduce((a, b) => a + b, 0),
              );
              if (top > MAX_TOP_PX) failures.push(`${where}: header and sync bar take ${Math.round(top)} px`);
            }
            if (viewport === VIEWPORTS[0]) {
              const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
              for (const v of axe.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
                failures.push(`${where}: axe ${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`);
            }
          }
        }
        await context.close();
        expect(failures).toEqual([]);
      });
    }
}

// Kusanya as it runs in the field: behind Caddy over HTTPS (the shipped Caddyfile.lan, tls internal) on a host
// name that is not localhost, with the server under `npm start`'s restart supervisor. A Chromium that trusts the
// LAN certificate authority (as a tablet does once it is installed) pairs, installs the app, works offline and
// syncs over HTTPS; the server is killed and comes back, and the tablet syncs again.
import { chromium, expect, request as playwrightRequest, test, type Browser } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.mjs';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { startHttpsStack, type HttpsStack } from '../support/https-stack.js';
import { App } from '../support/pages.js';
import { VISIT_FORM } from '../support/visit-form.js';

const basePort = Number(process.env['E2E_PORT'] ?? 8181);
const root = fileURLToPath(new URL('../..', import.meta.url));
let stack: HttpsStack;
let browser: Browser;

// Bounded: about 40 s on an idle 2-core machine; the limit leaves room for a busy one.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  stack = await startHttpsStack(basePort);
  browser = await chromium.launch({
    executablePath: findChromium()!,
    args: [...CHROMIUM_ARGS, ...stack.chromium.args],
    env: { ...process.env, ...stack.chromium.env },
  });
});

test.afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const newContext = () =>
  browser.newContext({ baseURL: stack.origin, viewport: { width: 800, height: 1280 }, serviceWorkers: 'allow' });

test('a tablet pairs, installs the app, works offline and syncs over HTTPS; the service is killed and comes back', async () => {
  const setup = await playwrightRequest.newContext({ baseURL: stack.serverUrl });
  const api = new Api(setup);
  await api.publishVisitForm();

  // The administrator's pairing screen: the public address, its QR code, the CA's, and this browser's check.
  const office = await newContext();
  const adminPage = await office.newPage();
  const admin = new App(adminPage);
  await admin.open();
  await admin.login('admin', DEMO_PASSWORD);
  await adminPage.goto('/admin/pairing');
  await expect(adminPage.getByTestId('pairing-address')).toHaveText(stack.origin);
  await expect(adminPage.getByRole('img', { name: 'Code QR : ouvrir Kusanya sur la tablette' })).toHaveAttribute(
    'data-qr-text',
    `${stack.origin}/connect`,
  );
  await expect(adminPage.getByRole('img', { name: /le certificat à installer/ })).toHaveAttribute(
    'data-qr-text',
    stack.caUrl,
  );
  await expect(adminPage.getByText("Cette adresse n'est pas en HTTPS")).toHaveCount(0);
  await expect(adminPage.getByText('TRUST_PROXY=true')).toHaveCount(0); // the proxy's https is trusted
  const adminChecks = adminPage.getByTestId('connection-checks');
  for (const check of ['server', 'https', 'certificate', 'clock'])
    await expect(adminChecks.locator(`[data-check="${check}"]`)).toHaveAttribute('data-state', 'ok');
  await office.close();

  // A new tablet scans the first QR code: the CA certificate, over plain HTTP (it cannot use HTTPS before trusting
  // it; and once a browser has been on the HTTPS site, HSTS sends it there instead).
  // A real browser profile, as on a tablet (Chromium does not install apps from an incognito context).
  const profile = mkdtempSync(join(tmpdir(), 'kusanya-tablet-profile-'));
  const tablet = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium()!,
    args: [...CHROMIUM_ARGS, ...stack.chromium.args],
    env: { ...process.env, ...stack.chromium.env },
    baseURL: stack.origin,
    viewport: { width: 800, height: 1280 },
    serviceWorkers: 'allow',
    acceptDownloads: true,
  });
  const page = tablet.pages()[0] ?? (await tablet.newPage());
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.goto(stack.caUrl).catch(() => null), // a download, not a page
  ]);
  expect(download.suggestedFilename()).toBe('kusanya-ca.crt');
  expect(readFileSync(await download.path(), 'utf8').trim()).toBe(stack.rootCertificate.trim());

  // Then the second QR code: the connection check, before anyone logs in.
  await page.goto('/connect');
  await expect(page.getByRole('heading', { name: 'Vérification de la connexion' })).toBeVisible();
  const checks = page.getByTestId('connection-checks');
  for (const check of ['server', 'https', 'certificate', 'clock'])
    await expect(checks.locator(`[data-check="${check}"]`)).toHaveAttribute('data-state', 'ok', { timeout: 20_000 });
  await expect(page.getByText('Tout est prêt : cet appareil peut installer Kusanya et synchroniser.')).toBeVisible();
  expect(await page.evaluate(() => window.isSecureContext && location.protocol)).toBe('https:');

  // Chromium's own installability check: manifest, service worker with offline support, secure origin.
  const app = new App(page);
  await page.getByRole('link', { name: 'Ouvrir Kusanya' }).click();
  await app.open();
  const cdp = await tablet.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  expect(installabilityErrors).toEqual([]);

  // Offline: log in, capture, reload (served by the service worker), then back online and synced over HTTPS.
  await app.login('enumerator', DEMO_PASSWORD);
  // The forms reach the tablet at its first sync after login; only then can it work offline.
  await expect(page.getByRole('button', { name: `+ ${VISIT_FORM.title['fr']}` })).toBeVisible({ timeout: 60_000 });
  await tablet.setOffline(true);
  await expect(app.syncBar().getByTestId('connection')).toHaveText('Hors ligne');
  const first = `Https ${Date.now()} 1`;
  await app.captureVisit(first);
  await page.reload();
  await app.openOutbox();
  await expect(app.outboxItems(first)).toHaveAttribute('data-status', 'submitted');
  await tablet.setOffline(false);
  await expect(app.outboxItems(first)).toHaveAttribute('data-status', 'pending_review', { timeout: 30_000 });

  // The service dies (killed outright); its supervisor starts it again and the tablet syncs through Caddy.
  const killed = stack.serverPid();
  process.kill(killed, 'SIGKILL');
  await expect
    .poll(
      async () => {
        const res = await setup.get('/api/health').catch(() => null);
        return res?.ok() && stack.serverPid() !== killed;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(true);
  const second = `Https ${Date.now()} 2`;
  await app.captureVisit(second);
  await app.openOutbox();
  await expect(app.outboxItems(second)).toHaveAttribute('data-status', 'pending_review', { timeout: 60_000 });

  const { token } = await api.login('enumerator');
  const arrived = (await api.allSubmissions(token)).filter((s) =>
    [first, second].includes(String(s.data['respondent_name'])),
  );
  expect(arrived.map((s) => s.status)).toEqual(['pending_review', 'pending_review']);
  expect(stack.output()).toMatch(/exited unexpectedly \(signal SIGKILL\)/);
  await setup.dispose();
  await tablet.close();

  // The same browser without the CA installed refuses the site: the trust above is what made it work.
  const stranger = await chromium.launch({
    executablePath: findChromium()!,
    args: [...CHROMIUM_ARGS, ...stack.chromium.args],
    env: { ...process.env, HOME: profile },
  });
  const strangerPage = await stranger.newPage();
  await expect(strangerPage.goto(`${stack.origin}/connect`)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
  await stranger.close();
  rmSync(profile, { recursive: true, force: true });
});

test('the shipped configuration files are valid, and the health check an IT officer runs reads the service', async () => {
  // Caddyfile.lan runs above; the public one is checked by Caddy itself (it would get a certificate when run).
  const validate = spawnSync('caddy', ['validate', '--config', join(root, 'deploy/caddy/Caddyfile.public')], {
    env: { ...process.env, CADDY_LOG_DIR: tmpdir() },
    encoding: 'utf8',
  });
  expect(validate.status, validate.stderr).toBe(0);
  expect(validate.stdout + validate.stderr).toContain('Valid configuration');

  const port = new URL(stack.serverUrl).port;
  const health = spawnSync(process.execPath, [join(root, 'deploy/healthcheck.mjs')], {
    env: { ...process.env, PORT: port, HOST: '127.0.0.1' },
    encoding: 'utf8',
  });
  expect(health.status).toBe(0);
  expect(health.stdout).toContain('ok: the server answers and its database is ok');
  expect(health.stdout).toMatch(/off-machine backup copies: (pending|ok)/);
  const down = spawnSync(process.execPath, [join(root, 'deploy/healthcheck.mjs')], {
    env: { ...process.env, PORT: String(basePort + 9), HOST: '127.0.0.1' },
    encoding: 'utf8',
  });
  expect(down.status).toBe(1);
  expect(down.stdout).toMatch(/^UNHEALTHY: no answer from/);
});

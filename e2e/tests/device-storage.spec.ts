/**
 * Local durability on the tablet: capture is blocked with a clear message when storage is nearly full; the
 * settings show the headroom, the browser's answer to "keep this data", what is on the tablet — including
 * the households of the enumerator's collines, pulled for revisits — and the app version.
 */
import { expect, test } from '@playwright/test';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { App } from '../support/pages.js';

const MB = 1024 * 1024;

test('a nearly full tablet cannot start a new record, and says why', async ({ page }) => {
  // The browser reports 20 MB left of 2 GB.
  await page.addInitScript((mb) => {
    Object.defineProperty(navigator.storage, 'estimate', {
      value: async () => ({ usage: 2028 * mb, quota: 2048 * mb }),
    });
  }, MB);
  const app = new App(page);
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  await expect(page.getByTestId('storage-full')).toContainText('La tablette est presque pleine (20 MB libres)');
  await expect(page.getByRole('button', { name: '+ Enquête ménage' })).toBeDisabled();
  await app.openSettings();
  await expect(page.getByTestId('storage-used')).toHaveText('1,98 GB utilisés sur 2 GB (20 MB libres)');
});

test('the settings show the storage, its protection, the households of my collines and the version', async ({
  page,
  request,
}) => {
  // The registry gets households the way the field fills it: 30 surveys of this enumerator's two collines and
  // 10 of a neighbouring colline, sent by their enumerators and approved by the commune's supervisor.
  const api = new Api(request);
  const stamp = Date.now().toString(36);
  const user = (name: string, role: string, areas: string[]) => ({
    username: `storage-${name}-${stamp}`,
    password: DEMO_PASSWORD,
    role,
    areas,
  });
  const mine = user('me', 'enumerator', ['CL03020101', 'CL03020102']);
  const neighbour = user('neighbour', 'enumerator', ['CL03020201']);
  const supervisor = user('supervisor', 'supervisor', ['C0302']);
  for (const u of [mine, neighbour, supervisor]) await api.createUser(u);
  const surveys = async (who: typeof mine, area: string, count: number, first: number) =>
    api.pushHouseholds(
      await api.login(who.username),
      Array.from({ length: count }, (_, i) => `Stock${stamp}x${first + i} Jean`),
      area,
    );
  const sent = [
    ...(await surveys(mine, 'CL03020101', 15, 0)),
    ...(await surveys(mine, 'CL03020102', 15, 15)),
    ...(await surveys(neighbour, 'CL03020201', 10, 30)),
  ];
  expect(sent.map((s) => s.status)).toEqual(Array.from({ length: 40 }, () => 'pending_review'));
  const approved = await api.bulkApprove(sent, supervisor.username);
  expect(approved.results.map((r) => r.outcome)).toEqual(Array.from({ length: 40 }, () => 'approved'));

  const app = new App(page);
  await app.open();
  await app.login(mine.username, DEMO_PASSWORD);
  await expect(page.getByTestId('persistence')).toBeVisible();
  await app.openSettings();
  await expect(page.getByTestId('households-count')).toHaveText('Ménages de vos collines : 30', { timeout: 30_000 });
  await expect(page.getByTestId('storage-used')).toContainText('utilisés sur');
  await expect(page.getByTestId('persistence-result')).toHaveText(
    /^(Protégées|Non protégées|Ce navigateur ne peut pas)/,
  );
  await expect(page.getByTestId('app-version')).toHaveText('Version : 0.1.0');
});

test('logging out with records not sent warns first, and deletes nothing', async ({ page, context, request }) => {
  await new Api(request).publishVisitForm();
  const app = new App(page);
  const respondent = `Logout ${Date.now()}`;
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: '+ Enquête ménage' })).toBeVisible();
  await context.setOffline(true);
  await app.captureVisit(respondent);

  const logout = page.getByRole('button', { name: 'Se déconnecter' });
  let warning = '';
  page.once('dialog', (dialog) => {
    warning = dialog.message();
    void dialog.dismiss();
  });
  await logout.click();
  await expect.poll(() => warning).toContain('1 fiches n’ont pas été envoyées et 0 brouillons ne sont pas terminés');
  await expect(page.getByRole('banner').getByText('enumerator', { exact: true })).toBeVisible();

  page.once('dialog', (dialog) => void dialog.accept());
  await logout.click();
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  // Offline login (this user has logged in here before): the record is still on the tablet, still waiting.
  await app.login('enumerator', DEMO_PASSWORD);
  await app.openOutbox();
  await expect(app.outboxItems(respondent)).toHaveAttribute('data-status', 'submitted');
});

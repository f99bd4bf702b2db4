/**
 * Updates without loss: when a new version is published, the app says so, waits while a form is open, and
 * installs only when the user asks with no form open; the draft being filled is still there afterwards.
 */
import { expect, test } from '@playwright/test';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { App } from '../support/pages.js';
import { VISIT_FORM } from '../support/visit-form.js';

/** Publishes a new build of the service worker on the test server (the app is served from a copy). */
function publishNewVersion() {
  appendFileSync(join(process.env['E2E_DATA_DIR']!, 'client', 'sw.js'), `\n// new version ${Date.now()}\n`);
}

test('a new version waits while a form is open, then installs on request without losing the draft', async ({
  page,
  request,
}) => {
  await new Api(request).publishVisitForm();
  const app = new App(page);
  const respondent = `Update ${Date.now()}`;
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  const form = await app.startForm(VISIT_FORM.title['fr']!, VISIT_FORM);
  await form.answerField('respondent_name', respondent);

  publishNewVersion();
  // The app looks for updates periodically and when the connection returns; do that check now.
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const banner = page.getByTestId('update-banner');
  await expect(banner).toContainText('Une nouvelle version de Kusanya est prête.', { timeout: 30_000 });
  await expect(banner).toContainText("Elle s'installera quand vous fermerez le formulaire.");
  await expect(banner.getByRole('button', { name: 'Mettre à jour' })).toHaveCount(0);

  await page.getByRole('link', { name: '← Retour' }).click();
  const reloaded = page.waitForEvent('load');
  await banner.getByRole('button', { name: 'Mettre à jour' }).click();
  await reloaded;
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Brouillons' })).toBeVisible();
  await page.getByRole('link', { name: 'Continuer' }).first().click();
  await expect(page.getByRole('textbox', { name: 'Nom du répondant' })).toHaveValue(respondent);
});

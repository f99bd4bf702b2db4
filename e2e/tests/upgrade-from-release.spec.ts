import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD } from '../support/api.js';
import { restoreBrowser, snapshotBrowser, type BrowserSnapshot } from '../support/idb-snapshot.js';
import { App } from '../support/pages.js';

/** What the previous release (RxDB crypto-js encryption) kept in the browser after a working day (fixtures/release-db). */
const release = JSON.parse(
  readFileSync(new URL('../fixtures/release-db/snapshot.json', import.meta.url), 'utf8'),
) as BrowserSnapshot;
const userId = release.localStorage['kusanya.currentUser']!;

async function unlockOffline(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('unlock-hint')).toContainText('enumerator');
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test('a tablet updated from the previous release keeps every record, draft and household, offline, even if closed during the update', async ({
  page,
  context,
}) => {
  const app = new App(page);
  await app.open(); // the new version, installed (service worker) while online
  await restoreBrowser(page, release);
  expect(JSON.stringify(release)).toContain('U2FsdGVkX1'); // crypto-js ciphertexts: the old format

  // The update is opened offline, in the field; the app is closed as soon as the home screen shows (the
  // households are still being brought over in the background), then opened again.
  await context.setOffline(true);
  await unlockOffline(page);
  await expect(page.getByRole('button', { name: '+ Enquête ménage' })).toBeVisible({ timeout: 30_000 });
  await page.close();
  const again = await context.newPage();
  const app2 = new App(again);
  await unlockOffline(again);

  // The drafts: the one started offline and the correction opened from the outbox.
  await expect(again.getByRole('button', { name: '+ Enquête ménage' })).toBeVisible({ timeout: 30_000 });
  const drafts = again.locator('.home .list .card');
  await expect(drafts.filter({ hasText: 'Release Draft' })).toHaveCount(1);
  // The returned record is listed too (with "À corriger"); its correction draft is the other card.
  const correctionDraft = drafts.filter({ hasText: 'Release Correction' }).filter({ hasNotText: 'À corriger' });
  await expect(correctionDraft).toHaveCount(1);
  await expect(correctionDraft).toContainText('Correction');
  // The outbox: the record finished offline still waits to be sent; the others keep their state.
  await app2.openOutbox();
  await expect(app2.outboxItems('Release Unsent')).toHaveAttribute('data-status', 'submitted');
  await expect(app2.outboxItems('Release Review')).toHaveAttribute('data-status', 'pending_review');
  await expect(app2.outboxItems('Release Correction')).toHaveAttribute('data-status', 'needs_correction');
  // The households of the collines, for revisits.
  await again.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Ménages' }).click();
  await expect(again.getByTestId('households-count')).toHaveText('30 ménages', { timeout: 30_000 });
  await expect(again.getByTestId('households-preparing')).toHaveCount(0);

  // Nothing is left in the old format; the current database holds it all encrypted.
  const after = JSON.stringify(await snapshotBrowser(again, userId));
  expect(after).not.toContain('U2FsdGVkX1');
  expect(after).not.toContain('Release Unsent');
  expect(after).toContain('"_sealed":"g1:');
});

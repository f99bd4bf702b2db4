/**
 * The rescue path: an enumerator whose tablet cannot sync exports the records waiting to be sent to a file;
 * an administrator imports it on the server. Importing twice, and the tablet syncing later, duplicate nothing.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { App } from '../support/pages.js';
import { receivedVersions } from '../support/cli.js';

test('unsynced records exported to a file and imported by an administrator arrive once, even when the tablet syncs later', async ({
  page,
  context,
  browser,
  request,
}) => {
  const api = new Api(request);
  await api.publishVisitForm();
  const prefix = `Rescue ${Date.now()}`;
  const enumerator = new App(page);
  await enumerator.open();
  await enumerator.login('enumerator', DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: '+ Enquête ménage' })).toBeVisible();
  await context.setOffline(true);
  await enumerator.captureVisit(`${prefix} 1`);
  await enumerator.captureVisit(`${prefix} 2`, 'CL03010102');

  await enumerator.openSettings();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter 2 fiches non envoyées' }).click();
  const file = await (await download).path();
  await expect(page.getByTestId('export-result')).toContainText('kusanya-enumerator-');
  const exported = JSON.parse(readFileSync(file, 'utf8')) as {
    records: { doc: { data: Record<string, unknown> } }[];
    checksum: string;
  };
  expect(exported.records.map((r) => r.doc.data['respondent_name'])).toEqual([`${prefix} 1`, `${prefix} 2`]);
  expect(exported.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  // Exporting deletes nothing: the records still wait on the tablet.
  await expect(enumerator.syncBar().getByTestId('waiting')).toHaveText('En attente d’une connexion : 2 à envoyer');

  const { baseURL, viewport } = test.info().project.use;
  const office = await browser.newContext({ baseURL, viewport });
  const admin = new App(await office.newPage());
  await admin.page.goto('/');
  await admin.login('admin', DEMO_PASSWORD);
  await admin.openSettings();
  const upload = admin.page.getByLabel('Fichier d’export');
  await upload.setInputFiles(file);
  await expect(admin.page.getByTestId('import-report')).toContainText(
    '2 fiches de enumerator : 2 nouvelles, 0 déjà sur le serveur, 0 en conflit, 0 refusées.',
  );
  expect((await api.submissionsOf(prefix)).map((s) => s.status)).toEqual(['pending_review', 'pending_review']);
  await upload.setInputFiles(file);
  await expect(admin.page.getByTestId('import-report')).toContainText(
    '2 fiches de enumerator : 0 nouvelles, 2 déjà sur le serveur',
  );

  // The tablet comes back online and syncs the same records: recognised, not duplicated.
  await context.setOffline(false);
  await expect(enumerator.syncBar().getByTestId('waiting')).toHaveText('Tout est envoyé', { timeout: 30_000 });
  const arrived = await api.submissionsOf(prefix);
  expect(arrived).toHaveLength(2);
  const versions = await receivedVersions(arrived.map((s) => s.id));
  for (const s of arrived) expect(versions.get(s.id)?.map((v) => v.source)).toEqual(['device', 'server']);
  await office.close();
});

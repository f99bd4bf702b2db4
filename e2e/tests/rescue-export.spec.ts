/**
 * The rescue path: an enumerator whose tablet cannot sync exports the records waiting to be sent to a file;
 * an administrator imports it on the server. Importing twice, and the tablet syncing later, duplicate nothing.
 */
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { App } from '../support/pages.js';
import { receivedVersions } from '../support/cli.js';
import { storedMedia } from '../support/media-store.js';
import { PHOTO_FORM } from '../support/photo-form.js';

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

test('the rescue file carries the photos of its records; imported, they are on the server as if sent', async ({
  page,
  context,
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const api = new Api(request);
  const adminLogin = await api.login('admin');
  const published = await request.post('/api/admin/forms', {
    data: PHOTO_FORM,
    headers: { authorization: `Bearer ${adminLogin.token}` },
  });
  expect(published.ok()).toBe(true);
  const respondent = `Rescue photo ${Date.now()}`;
  const enumerator = new App(page);
  await enumerator.open();
  await enumerator.login('enumerator', DEMO_PASSWORD);
  const title = PHOTO_FORM.title['fr'];
  await expect(page.getByRole('button', { name: `+ ${title}` })).toBeVisible({ timeout: 30_000 });
  const cameraPhoto = await page.screenshot({ type: 'jpeg', quality: 80 });
  await context.setOffline(true);
  const form = await enumerator.startForm(title, PHOTO_FORM);
  await form.answer('Colline', 'Mubuga (sample)');
  await form.answer('Nom du répondant', respondent);
  await page
    .getByTestId('photo-capture')
    .getByTestId('photo-camera-input')
    .setInputFiles({ name: 'IMG.jpg', mimeType: 'image/jpeg', buffer: cameraPhoto });
  await expect(page.getByTestId('photo-capture').getByTestId('media-preview')).toBeVisible();
  await form.finish();

  await enumerator.openSettings();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter 1 fiche non envoyée' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as {
    records: { doc: { id: string; data: Record<string, unknown> } }[];
    media: { name: string; sha256: string; base64: string }[];
  };
  const photo = exported.records[0]!.doc.data['id_front'] as { name: string; sha256: string };
  expect(exported.media.map((m) => m.sha256)).toEqual([photo.sha256]);
  expect(createHash('sha256').update(Buffer.from(exported.media[0]!.base64, 'base64')).digest('hex')).toBe(
    photo.sha256,
  );

  const { baseURL, viewport } = test.info().project.use;
  const office = await browser.newContext({ baseURL, viewport });
  const admin = new App(await office.newPage());
  await admin.page.goto('/');
  await admin.login('admin', DEMO_PASSWORD);
  await admin.openSettings();
  await admin.page.getByLabel('Fichier d’export').setInputFiles(file);
  await expect(admin.page.getByTestId('import-media')).toHaveText(
    'Photos et fichiers : 1 enregistré, 0 déjà sur le serveur, 0 refusé.',
  );
  const [stored] = storedMedia([exported.records[0]!.doc.id]);
  expect(stored).toMatchObject({ sha256: photo.sha256, received: true, intact: true, receipts: 1 });

  // The tablet syncs later: the record is recognised, and its photo is not sent again (the server holds it).
  await context.setOffline(false);
  await expect(enumerator.syncBar().getByTestId('waiting')).toHaveText('Tout est envoyé', { timeout: 30_000 });
  await expect(enumerator.syncBar().getByTestId('media-waiting')).toHaveCount(0, { timeout: 60_000 });
  expect(storedMedia([exported.records[0]!.doc.id])[0]!.receipts).toBe(1);
  await office.close();
});

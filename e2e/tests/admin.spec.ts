import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { watchCsp } from '../support/csp.js';
import { App } from '../support/pages.js';

const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name, exact: true });

test('an administrator runs users, areas, devices, forms, the audit log and backups from the browser, under the strict CSP', async ({
  page,
  context,
  request,
}) => {
  const violations = await watchCsp(page);
  page.on('dialog', (dialog) => void dialog.accept());
  const app = new App(page);
  const stamp = Date.now().toString(36);
  await app.open();
  await app.login('admin', DEMO_PASSWORD);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();

  // Users: create one, with the password rules enforced by the server.
  await page.getByRole('button', { name: '+ Nouvel utilisateur' }).click();
  const form = page.getByRole('form', { name: 'Nouvel utilisateur' });
  await form.getByLabel("Nom d'utilisateur").fill(`e2e.${stamp}`);
  await form.getByLabel('Mot de passe').fill('azertyuiop');
  await form.getByLabel('Rôle').selectOption({ label: 'Enquêteur' });
  await form.getByLabel('Zones').fill('CL03010101');
  await form.getByRole('button', { name: "Créer l'utilisateur" }).click();
  // The server's problem in the admin's language, with the field it is about (never its English message).
  await expect(form.getByRole('alert')).toContainText('Mot de passe : Ce mot de passe est trop courant');
  await expect(form.getByRole('alert')).not.toContainText('This password');
  await form.getByLabel('Mot de passe').fill('une phrase assez longue');
  await form.getByRole('button', { name: "Créer l'utilisateur" }).click();
  await expect(page.getByText(`L'utilisateur e2e.${stamp} a été créé.`)).toBeVisible();
  await expect(page.locator(`[data-testid=user-row][data-username="e2e.${stamp}"]`)).toContainText('Enquêteur');

  // Devices: a tablet of that user syncs, reporting its app version and waiting records; then it is lost.
  const login = await request.post('/api/auth/login', {
    data: { username: `e2e.${stamp}`, password: 'une phrase assez longue', deviceId: `tablet-${stamp}` },
  });
  const tabletToken = ((await login.json()) as { token: string }).token;
  const sync = () =>
    request.get('/api/sync/forms/pull?seq=0&limit=1', {
      headers: { authorization: `Bearer ${tabletToken}`, 'x-kusanya-app-version': '0.9.1', 'x-kusanya-queue': '3' },
    });
  expect((await sync()).status()).toBe(200);
  await tab(page, 'Appareils').click();
  const device = page.locator(`[data-testid=device-row][data-device="tablet-${stamp}"]`);
  await expect(device).toContainText(`e2e.${stamp}`);
  await expect(device).toContainText('0.9.1');
  await expect(device.locator('td').nth(4)).toHaveText('3');
  await device.getByRole('button', { name: 'Révoquer (tablette perdue)' }).click();
  await expect(page.getByText('1 session terminée.')).toBeVisible();
  expect((await sync()).status()).toBe(401);
  await expect(device).toContainText('Révoqué le');

  // Areas: a file with problems is explained row by row and imports nothing; a good one imports.
  await tab(page, 'Zones').click();
  await page.getByTestId('areas-file').setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `code,name,level,parent_code,scheme\nCLX${stamp},Nowhere,colline,ZNOPE,2025\n,No code,zone,C0301,2025\n`,
    ),
  });
  await expect(page.getByText('Le fichier contient 2 problèmes')).toBeVisible();
  await expect(page.getByTestId('areas-problems').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('areas-problems')).toContainText('ZNOPE');
  await expect(page.getByRole('button', { name: /Importer ces/ })).toHaveCount(0);
  await page.getByTestId('areas-file').setInputFiles({
    name: 'good.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `code,name,level,parent_code,scheme,valid_from\nCL${stamp.slice(-6).toUpperCase()}A,Nouvelle A,colline,Z030101,2025,2026-01-01\nCL${stamp.slice(-6).toUpperCase()}B,Nouvelle B,colline,Z030101,2025,2026-01-01\n`,
    ),
  });
  await expect(page.getByText('Le fichier est valide : 2 lignes — 2 nouvelles')).toBeVisible();
  await page.getByRole('button', { name: 'Importer ces 2 lignes' }).click();
  await expect(page.getByText('2 lignes importées : 2 nouvelles, 0 modifiées.')).toBeVisible();

  // Forms: publish a JSON definition, then retire it.
  await tab(page, 'Formulaires').click();
  const definition = await new Api(request).formDefinition(
    (await new Api(request).login('admin')).token,
    'household_survey',
  );
  const formId = `e2e_${stamp}`;
  await page.getByTestId('form-json-file').setInputFiles({
    name: 'form.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...definition, formId, version: '1', title: { fr: `Formulaire ${stamp}` } })),
  });
  await expect(page.getByText(`Publié : ${formId} version 1.`)).toBeVisible();
  const row = page.locator(`[data-testid=form-row][data-form="${formId}@1"]`);
  await expect(row).toHaveAttribute('data-status', 'published');
  await row.getByRole('button', { name: 'Retirer' }).click();
  await expect(row).toHaveAttribute('data-status', 'retired');

  // Audit log: every change above, filterable, exportable.
  await tab(page, "Journal d'audit").click();
  await page.locator('select[name=action]').selectOption({ label: 'Tablette révoquée' });
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.locator('[data-testid=audit-row][data-action="device.revoke"]').first()).toContainText(
    `tablet-${stamp}`,
  );
  await expect(page.locator('[data-testid=audit-row][data-action="device.revoke"]').first()).toContainText(
    'Tablette révoquée',
  );
  await page.locator('select[name=action]').selectOption({ label: 'Tous' });
  await page.getByRole('button', { name: 'Rechercher' }).click();
  for (const action of ['user.create', 'areas.import', 'form.publish', 'form.retire']) {
    await expect(page.locator(`[data-testid=audit-row][data-action="${action}"]`).first()).toBeVisible();
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exporter en CSV' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'id,at,actor,actorId,role,action,method,route,target,status,outcome,deviceId,ip,requestId,details',
  );
  expect(csv).toContain('device.revoke');

  // Backups: back up now, then verify it.
  await tab(page, 'Sauvegardes').click();
  await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
  await expect(page.getByText(/Sauvegarde écrite : kusanya-.*\.sqlite/)).toBeVisible();
  await page.getByTestId('backup-row').first().getByRole('button', { name: 'Vérifier' }).click();
  await expect(page.getByText(/est bonne : somme de contrôle, intégrité et nombre de lignes vérifiés/)).toBeVisible();
  await expect(page.getByTestId('backup-checks')).toContainText('PRAGMA integrity_check: ok');

  // Offline, administration says so plainly.
  await context.setOffline(true);
  await tab(page, 'Utilisateurs').click();
  await expect(page.getByTestId('admin-offline')).toContainText('Vous êtes hors ligne');
  await context.setOffline(false);

  expect(violations).toEqual([]);
});

test('administration is neither shown nor usable for other roles', async ({ page, request }) => {
  const violations = await watchCsp(page);
  const app = new App(page);
  await app.open();
  await app.login('supervisor', DEMO_PASSWORD);
  await expect(
    page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administration' }),
  ).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page.getByText('Seuls les administrateurs peuvent ouvrir cette page.')).toBeVisible();
  const { token } = await new Api(request).login('supervisor');
  expect((await request.get('/api/admin/users', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(403);
  expect(violations).toEqual([]);
});

test('the API documentation works under its own policy', async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto('/api/docs');
  await expect(page.getByText('Kusanya API').first()).toBeVisible();
  await expect(page.getByText('/api/admin/users').first()).toBeVisible();
  expect(violations).toEqual([]);
});

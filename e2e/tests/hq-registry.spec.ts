import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { DEMO_PASSWORD } from '../support/api.js';
import { HqData, hqBaseUrl, login } from '../support/hq.js';
import { App } from '../support/pages.js';

test.use({ baseURL: hqBaseUrl });

test('HQ finds a household by a name typed without accents, opens its history, exports individuals and opens the file', async ({
  page,
  request,
}) => {
  const { token } = await login(request, 'hq');
  const person = await new HqData(request, token).accentedPerson();
  const typed = `${person.firstName} ${person.lastName}`
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  expect(typed).not.toBe(`${person.firstName} ${person.lastName}`.toLowerCase());

  const app = new App(page);
  await app.open();
  await app.login('hq', DEMO_PASSWORD);
  // HQ does not capture records: the home screen leads to the office screens, not to new forms.
  await expect(page.getByTestId('office-entries').getByRole('link', { name: 'Registre' })).toBeVisible();
  await expect(page.getByRole('button', { name: '+ Enquête ménage' })).toHaveCount(0);
  await page.getByTestId('office-entries').getByRole('link', { name: 'Registre' }).click();
  await expect(page.getByRole('heading', { name: 'Trouver un ménage ou une personne' })).toBeVisible();

  await page.getByLabel('Nom, numéro de CNI, téléphone ou code du ménage').fill(typed);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  const hit = page
    .getByRole('link', { name: new RegExp(`${person.firstName} ${person.lastName}.*${person.householdCode}`) })
    .first();
  await expect(hit).toBeVisible();
  await hit.click();

  await expect(page.getByRole('heading', { name: `Ménage ${person.householdCode}` })).toBeVisible();
  await expect(page.getByRole('cell', { name: `${person.firstName} ${person.lastName}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Historique des changements' })).toBeVisible();
  await expect(page.getByText('Ménage enregistré')).toBeVisible();
  await expect(page.getByText(`${person.firstName} ${person.lastName} a rejoint le ménage`)).toBeVisible();
  await page.getByRole('link', { name: 'voir la fiche' }).first().click();
  await expect(page.getByRole('heading', { name: 'Enquête ménage' })).toBeVisible();
  await expect(page.getByText('Validée')).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Exports' }).click();
  const people = page.locator('.export-card', { has: page.getByRole('heading', { name: 'Personnes', exact: true }) });
  // Excel (XLSX) is the default; a CSV for a French spreadsheet is separated by ";" with French headers.
  await expect(people.getByRole('button', { name: 'Télécharger (XLSX)' })).toBeVisible();
  await page.getByRole('radio', { name: 'CSV (séparé par « ; »)' }).check();
  const downloading = page.waitForEvent('download');
  await people.getByRole('button', { name: 'Télécharger (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kusanya-individuals-all-\d{8}\.csv$/);
  await expect(page.getByText(/kusanya-individuals-all-\d{8}\.csv est prêt/)).toBeVisible();

  const text = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.trim().split('\r\n');
  expect(lines[0]!.split(';').slice(0, 4)).toEqual([
    'Code du ménage',
    'Identifiant du ménage',
    'Identifiant de la personne',
    'Prénom',
  ]);
  const row = lines.find(
    (l) => l.startsWith(`${person.householdCode};`) && l.includes(`;${person.firstName};${person.lastName};`),
  );
  expect(row).toBeDefined();
  expect(lines.length - 1).toBeGreaterThan(1000);
});

import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { daysAgo } from '../support/definitions.js';
import { answerAll, fillLocation } from '../support/household.js';
import { App } from '../support/pages.js';

const SHIPPED = new URL('../../forms/indicator_report.xlsx', import.meta.url);
const NEW_VERSION = '2099010101';
const NEW_LABEL = 'Observations et remarques du comité';

/** The shipped indicator report with a new version and a reworded question, as an admin would edit it. */
async function editedWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(SHIPPED)) as unknown as ExcelJS.Buffer);
  const column = (sheet: ExcelJS.Worksheet, header: string) => {
    let found = 0;
    sheet.getRow(1).eachCell((cell, col) => {
      if (String(cell.value).trim() === header) found = col;
    });
    if (!found) throw new Error(`no column ${header}`);
    return found;
  };
  const settings = workbook.getWorksheet('settings')!;
  settings.getRow(2).getCell(column(settings, 'version')).value = NEW_VERSION;
  const survey = workbook.getWorksheet('survey')!;
  const name = column(survey, 'name');
  const label = column(survey, 'label::Français (fr)');
  survey.eachRow((row) => {
    if (row.getCell(name).value === 'observations') row.getCell(label).value = NEW_LABEL;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function brokenWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('survey').addRows([
    ['type', 'name', 'label'],
    ['text', 'name', 'Nom'],
    ['frobnicate', 'code', 'Code'],
  ]);
  workbook.addWorksheet('settings').addRows([
    ['form_id', 'version'],
    ['broken', '1'],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('an admin imports and publishes an XLSForm; the enumerator’s tablet pulls it and fills it offline', async ({
  page,
  context,
  request,
}) => {
  const app = new App(page);
  await app.open();
  await app.login('admin', DEMO_PASSWORD);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Formulaires' }).click();
  await page.getByRole('link', { name: 'Importer un formulaire' }).click();
  await expect(page.getByRole('heading', { name: 'Importer un formulaire (XLSForm)' })).toBeVisible();
  const file = page.getByLabel('Fichier XLSForm (.xlsx, .xls)');

  // A broken workbook: every problem with its sheet, row and column, and no publish button.
  await file.setInputFiles({ name: 'broken.xlsx', mimeType: XLSX, buffer: await brokenWorkbook() });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(page.getByText('Le fichier contient 1 problème(s)')).toBeVisible();
  const problem = page.getByTestId('import-problems').locator('tbody tr').first();
  await expect(problem.locator('td').nth(0)).toHaveText('survey');
  await expect(problem.locator('td').nth(1)).toHaveText('3');
  await expect(problem.locator('td').nth(2)).toHaveText('type');
  await expect(problem.locator('td').nth(3)).toContainText('frobnicate');
  await expect(page.getByRole('button', { name: /^Publier/ })).toHaveCount(0);

  // The edited programme form: checked, then published as a new version.
  await file.setInputFiles({ name: 'indicator_report.xlsx', mimeType: XLSX, buffer: await editedWorkbook() });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(page.getByTestId('import-result')).toContainText(
    `indicator_report), version ${NEW_VERSION}, ne contient aucun problème`,
  );
  // Before publishing, the admin walks the checked form as the enumerator will see it, up to the reworded question.
  await page.getByRole('button', { name: 'Aperçu sur la tablette' }).click();
  const preview = page.getByTestId('form-preview');
  await expect(preview.getByRole('heading', { level: 2 }).first()).toBeVisible();
  for (let screen = 0; screen < 20 && !(await preview.getByText(NEW_LABEL).isVisible()); screen++) {
    await preview.getByRole('button', { name: 'Suivant →' }).click();
  }
  await expect(preview.getByText(NEW_LABEL)).toBeVisible();
  await page.getByRole('button', { name: 'Fermer l’aperçu' }).click();
  await page.getByRole('button', { name: `Publier la version ${NEW_VERSION}` }).click();
  await expect(page.getByTestId('import-result')).toContainText(`version ${NEW_VERSION} est publié`);

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await app.login('enumerator', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);

  // The tablet pulled the new version; it is filled offline.
  const api = new Api(request);
  const { token } = await api.login('enumerator');
  const definition = await api.formDefinition(token, 'indicator_report');
  expect(definition.version).toBe(NEW_VERSION);
  await expect(page.getByRole('button', { name: "+ Rapport d'indicateurs d'activité" })).toBeVisible();
  await app.open();
  await context.setOffline(true);
  const form = await app.startForm("Rapport d'indicateurs d'activité", definition);
  await answerAll(form, {
    activity_type: 'SENSITISATION_TRAINING',
    report_date: daysAgo(2),
    sessions: 2,
    households_attending: 11,
  });
  await form.next();
  await fillLocation(form);
  await form.next();
  await answerAll(form, {
    participants_men: 5,
    participants_women: 9,
    participants_batwa: 1,
    participants_disability: 0,
    participants_refugees_returnees: 2,
  });
  await form.next();
  await form.expectSection('details_grp');
  await answerAll(form, { facilitator: 'Niyonkuru' });
  await form.next();
  const observations = `Séance au chef-lieu ${Date.now()}`;
  await form.answer(NEW_LABEL, observations);
  await form.finish();
  await expect(app.outboxItems()).not.toHaveCount(0);
  await expect(app.syncBar().getByTestId('waiting')).toHaveText('En attente d’une connexion : 1 à envoyer');

  await context.setOffline(false);
  await expect
    .poll(async () => (await api.allSubmissions(token)).find((s) => s.data['observations'] === observations)?.status, {
      timeout: 30_000,
    })
    .toBe('pending_review');
  const stored = (await api.allSubmissions(token)).find((s) => s.data['observations'] === observations)!;
  expect(stored).toMatchObject({ formId: 'indicator_report', formVersion: NEW_VERSION, meta: { area: 'CL03010101' } });
});

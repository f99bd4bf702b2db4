import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { App } from '../support/pages.js';

/** A small form whose expressions can fail while it is filled: a division by zero and a bad date. */
async function fragileForm(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('survey').addRows([
    ['type', 'name', 'label', 'calculation', 'constraint'],
    ['text', 'colline', 'Colline', '', ''],
    ['integer', 'parts', 'Nombre de parts', '', ''],
    ['calculate', 'share', '', '100 div ${parts}', ''],
    ['note', 'share_note', 'Part de chacun : ${share}', '', ''],
    ['text', 'written_day', 'Date écrite à la main', '', ''],
    ['calculate', 'elapsed', '', 'int(today() - date(${written_day}))', ''],
    ['integer', 'days_claimed', 'Jours depuis cette date', '', '. <= ${elapsed}'],
  ]);
  workbook.addWorksheet('settings').addRows([
    ['form_id', 'version', 'form_title', 'area_field'],
    ['fragile', '1', 'Formulaire fragile', 'colline'],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('an expression that fails while filling shows a clear message on its question and the form keeps working', async ({
  page,
  request,
}) => {
  const api = new Api(request);
  const admin = await api.login('admin');
  const published = await request.post('/api/admin/forms/import?publish=true', {
    headers: {
      authorization: `Bearer ${admin.token}`,
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    data: await fragileForm(),
  });
  expect(published.status()).toBe(200);

  const app = new App(page);
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  const form = await app.startForm('Formulaire fragile');
  await form.answer('Colline', 'CL03010101');

  await form.answer('Nombre de parts', 0);
  const share = page.locator('.calc-error[data-path="share"]');
  await expect(share).toContainText('Calcul « share »');
  await expect(share).toContainText('Erreur de calcul : division par zéro.');
  await form.answer('Nombre de parts', 4);
  await expect(share).toHaveCount(0);
  await expect(page.locator('[data-note="share_note"]')).toHaveText('Part de chacun : 25');

  await form.answer('Date écrite à la main', '2026-13-45');
  await form.answer('Jours depuis cette date', 3);
  await expect(page.locator('.calc-error[data-path="elapsed"]')).toContainText(
    'Erreur de calcul : date invalide « 2026-13-45 »',
  );
  // With no number of days to compare with, the answer that depends on it is not accepted either.
  await expect(form.message('Jours depuis cette date')).toBeVisible();
  // Still usable: a good date clears both messages.
  await form.answer('Date écrite à la main', '2026-01-01');
  await expect(form.message('Jours depuis cette date')).toHaveCount(0);
  await expect(page.locator('.calc-error[data-path="elapsed"]')).toHaveCount(0);

  await form.finish();
  await expect(page).toHaveURL(/\/outbox/);
});

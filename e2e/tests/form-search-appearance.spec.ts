import type { Submission } from '@kusanya/schemas';
import { collinesCsv, workbook } from '@kusanya/tools/factories/xlsform';
import { expect, test, type Page } from '@playwright/test';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { App } from '../support/pages.js';

/**
 * ODK's `search()` appearance end to end: a select whose choices are the rows of the form's CSV (the 3,037 collines)
 * kept to those of the commune typed just before — `search('collines', 'matches', 'commune', ${commune_code})` —,
 * published with its CSV, pulled by the tablet, filled offline and synced.
 */
const FORM_ID = 'colline_search';
const TITLE = 'Recherche de colline';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function searchWorkbook(version: string): Buffer {
  return workbook({
    survey: [
      ['type', 'name', 'label::French (fr)', 'appearance', 'required'],
      ['begin_group', 'place', 'Lieu', 'field-list'],
      ['text', 'commune_code', 'Code de la commune', '', 'yes'],
      [
        'select_one colline_list',
        'colline',
        'Colline de la commune',
        "search('collines', 'matches', 'commune', ${commune_code})",
        'yes',
      ],
      ['text', 'respondent', 'Personne rencontrée', '', 'yes'],
      ['end_group', 'place'],
    ],
    // The list names the CSV's columns: `name` holds the stored value, `label` the text shown.
    choices: [
      ['list_name', 'name', 'label::French (fr)'],
      ['colline_list', 'name', 'label'],
    ],
    settings: [
      ['form_title', 'form_id', 'version', 'default_language', 'area_field'],
      [TITLE, FORM_ID, version, 'French (fr)', 'colline'],
    ],
  });
}

const cachedMedia = (page: Page) =>
  page.evaluate(async () => (await (await caches.open('kusanya-form-media-v1')).keys()).length);

test('a search() select lists only the CSV rows its filter keeps, offline, and the choice is synced', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(180_000);
  const csv = collinesCsv();
  const rows = csv.text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  const inCommune = rows.filter((r) => r[3] === 'C0301').length;
  const elsewhere = rows.find((r) => r[3] === 'C0302')![0]!;

  const api = new Api(request);
  const admin = await api.login('admin');
  const version = String(Date.now());
  const published = await request.post('/api/admin/forms/import?publish=true', {
    headers: { authorization: `Bearer ${admin.token}` },
    multipart: {
      workbook: { name: 'colline_search.xlsx', mimeType: XLSX, buffer: searchWorkbook(version) },
      media: { name: 'collines.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.text) },
    },
  });
  expect(published.status(), await published.text()).toBe(200);

  const app = new App(page);
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: `+ ${TITLE}` })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => cachedMedia(page), { timeout: 30_000 }).toBeGreaterThan(0);

  await context.setOffline(true);
  const form = await app.startForm(TITLE);
  await form.answer('Code de la commune', 'C0301');
  const colline = form.question('Colline de la commune');
  const box = colline.getByRole('combobox');

  // Every colline code starts with CL: the list holds the commune's collines only, not the file's 3,037.
  await box.fill('CL');
  await expect(colline.getByRole('status')).toContainText(`sur ${inCommune} correspondent`);
  expect(inCommune).toBeLessThan(csv.count);
  // A colline of another commune is not offered.
  await box.fill(elsewhere);
  await expect(colline.getByRole('status')).toHaveText(`Aucun choix ne correspond à « ${elsewhere} ».`);
  await box.fill('CL03010102');
  await colline
    .getByRole('option', { name: /\(CL03010102\)$/ })
    .getByRole('button')
    .click();
  await expect(colline.getByText(/^Choisi : .*\(CL03010102\)$/)).toBeVisible();
  await form.answer('Personne rencontrée', 'Aline Irakoze');
  await form.finish();

  await context.setOffline(false);
  const { token } = await api.login('enumerator');
  const find = async (): Promise<Submission | undefined> =>
    (await api.allSubmissions(token)).find((s) => s.formId === FORM_ID && s.formVersion === version);
  await expect.poll(async () => (await find())?.status, { timeout: 60_000 }).toBe('pending_review');
  const stored = (await find())!;
  expect(stored.data).toMatchObject({ commune_code: 'C0301', colline: 'CL03010102', respondent: 'Aline Irakoze' });
  expect(stored.meta.area).toBe('CL03010102');
});

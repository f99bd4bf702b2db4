import type { Submission } from '@kusanya/schemas';
import { allTypesWorkbook, ALL_TYPES_FORM_ID, ALL_TYPES_TITLE, collinesCsv } from '@kusanya/tools/factories/xlsform';
import { expect, test, type Page } from '@playwright/test';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { daysAgo } from '../support/definitions.js';
import type { FormPage } from '../support/forms.js';
import { App } from '../support/pages.js';
import { qrPng } from '../support/qr-png.js';

/**
 * Issue 14: a form with every question type, imported from an XLSForm with its media (the 3,037 collines
 * as a CSV), published, pulled by the tablet with its media, filled entirely offline — a colline searched
 * among 3,037 and its commune looked up with pulldata(), a household card's QR code read from a photo,
 * a line and an area, rank, range, stars, a table-list, times — then synced; the server holds the answers
 * as ODK stores them.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CARD = 'HH-0042-CL03010101';

async function cachedEntries(page: Page, cache: string): Promise<number> {
  return page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, cache);
}

async function typePoint(form: FormPage, label: string, lat: string, lon: string): Promise<void> {
  const question = form.question(label);
  await question.getByLabel('Latitude').fill(lat);
  await question.getByLabel('Longitude').fill(lon);
  await question.getByRole('button', { name: 'Utiliser ces coordonnées' }).click();
}

test('a form with every question type is imported with its media, filled offline and synced', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(240_000);
  const app = new App(page);
  await app.open();

  // The admin imports the workbook and its CSV, and publishes it.
  await app.login('admin', DEMO_PASSWORD);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Formulaires' }).click();
  await page.getByRole('link', { name: 'Importer un formulaire' }).click();
  const version = String(Date.now());
  await page
    .getByLabel('Fichier XLSForm (.xlsx, .xls)')
    .setInputFiles({ name: 'all_types.xlsx', mimeType: XLSX, buffer: allTypesWorkbook(version) });
  await page
    .getByLabel(/^Fichiers médias du formulaire/)
    .setInputFiles({ name: 'collines.csv', mimeType: 'text/csv', buffer: Buffer.from(collinesCsv().text) });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(page.getByTestId('import-result')).toContainText(`(${ALL_TYPES_FORM_ID}), version ${version}`);
  await page.getByRole('button', { name: `Publier la version ${version}` }).click();
  await expect(page.getByTestId('import-result')).toContainText(`version ${version} est publié`);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  // The enumerator's tablet pulls the form, its CSV and (no BarcodeDetector in this Chromium) the barcode reader.
  await app.login('enumerator', DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: `+ ${ALL_TYPES_TITLE}` })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => cachedEntries(page, 'kusanya-form-media-v1'), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => cachedEntries(page, 'kusanya-barcode-reader'), { timeout: 30_000 }).toBeGreaterThan(0);
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: -3.4271, longitude: 29.9246, accuracy: 6 });

  await context.setOffline(true);
  const form = await app.startForm(ALL_TYPES_TITLE);

  // Lieu: a colline among 3,037, searched; its commune comes from the CSV; the GPS position.
  const colline = form.question('Colline');
  await colline.getByRole('combobox').fill('CL0301010');
  await expect(colline.getByRole('option')).not.toHaveCount(0);
  await colline
    .getByRole('option', { name: /\(CL03010101\)$/ })
    .getByRole('button')
    .click();
  await expect(colline.getByText(/^Choisi : .*\(CL03010101\)$/)).toBeVisible();
  await expect(page.getByText('Commune : C0301')).toBeVisible();
  await form.question('Position du ménage').getByRole('button', { name: 'Relever la position GPS' }).click();
  await expect(form.question('Position du ménage').getByTestId('gps-accuracy')).toBeVisible();
  await form.next();

  // Visite: text, counter, grouped thousands, date, time, date-time, month, a phone number checked by regex().
  await form.answer('Nom de la personne rencontrée', 'Jeanne Ndayishimiye');
  const visitors = form.question('Nombre de visiteurs');
  await visitors.getByRole('button', { name: 'Un de plus' }).click();
  await visitors.getByRole('button', { name: 'Un de plus' }).click();
  await expect(visitors.locator('input')).toHaveValue('2');
  const budget = form.question('Budget du ménage (FBu)').locator('input');
  await budget.fill('1250000');
  await budget.blur();
  await expect(budget).toHaveValue('1\u202f250\u202f000');
  await form.question('Date de la visite').locator('input').fill(daysAgo(1));
  await form.question('Heure de la visite').locator('input[type=time]').fill('08:30');
  await form.question('Prochaine visite').locator('input[type=datetime-local]').fill('2030-02-01T09:15');
  await form.question('Mois de la récolte').locator('input[type=month]').fill('2025-06');
  const phone = form.question('Téléphone');
  await phone.locator('input').fill('1234');
  await expect(phone.locator('.field-error')).toHaveText('Un numéro du Burundi (8 chiffres)');
  await phone.locator('input').fill('+25779123456');
  await expect(phone.locator('.field-error')).toHaveCount(0);
  await form.next();

  // Avis: guidance, buttons, columns, likert, rank, slider, stars.
  const consent = form.question('La personne accepte-t-elle ?');
  await consent.getByText("Plus d'informations").click();
  await expect(consent.getByText('Lisez le texte de consentement avant de demander.')).toBeVisible();
  await form.answer('La personne accepte-t-elle ?', 'Oui');
  await form.answer('Services reçus', ['Santé', 'Transfert monétaire']);
  await form.answer('Satisfaction', 'Beaucoup');
  const rank = form.question('Classez les services');
  await rank.getByRole('button', { name: 'Classer les choix' }).click();
  await rank.getByRole('button', { name: 'Monter « Transfert monétaire »' }).click();
  await rank.getByRole('button', { name: 'Monter « Transfert monétaire »' }).click();
  await expect(rank.locator('.rank-label')).toHaveText(['Transfert monétaire', 'Santé', 'École']);
  await form.question('Note de la visite').locator('input[type=range]').fill('7');
  await expect(form.question('Note de la visite')).toContainText('Valeur : 7');
  await form.question('Étoiles').getByRole('radio', { name: '4 sur 5' }).click();
  await form.next();

  // Accès aux services: a table-list, the choices as its header.
  await expect(page.locator('.table-list .table-header')).toContainText('Oui');
  await form.question('Eau potable').getByRole('radio', { name: 'Oui' }).check();
  await form.question('École').getByRole('radio', { name: 'Non' }).check();
  await form.next();

  // Terrain: a QR code read from a photo (offline: the reader was cached), a line, an area, files, a confirmation.
  const card = form.question('Code de la carte du ménage');
  await card
    .getByTestId('barcode-photo')
    .setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: qrPng(CARD) });
  await expect(card.getByText(`Code lu : ${CARD}`)).toBeVisible({ timeout: 30_000 });
  await typePoint(form, 'Chemin vers le ménage', '-3,4271', '29,9246');
  await typePoint(form, 'Chemin vers le ménage', '-3.4280', '29.9251');
  await expect(form.question('Chemin vers le ménage')).toContainText('2 points enregistrés');
  await typePoint(form, 'Parcelle', '-3.4271', '29.9246');
  await typePoint(form, 'Parcelle', '-3.4275', '29.9246');
  await typePoint(form, 'Parcelle', '-3.4275', '29.9250');
  await expect(form.question('Parcelle')).toContainText('La zone est fermée');
  // The four media questions offer their capture (photo, signature, recording, file: issue 15's widgets).
  await expect(page.locator('.media-capture')).toHaveCount(4);
  await form.question('Je confirme les informations').getByRole('button', { name: 'OK' }).click();
  await form.next();

  // Enfants: a repeat.
  await form.addEntry();
  await form.answer('Prénom', 'Ange');
  await form.answer('Âge', '7');
  await form.backToList();

  await form.finish();
  await expect(app.syncBar().getByTestId('waiting')).toHaveText(
    /^En attente d’(envoi : 1|une connexion : 1 à envoyer)$/,
  );

  await context.setOffline(false);
  const api = new Api(request);
  const { token } = await api.login('enumerator');
  const find = async (): Promise<Submission | undefined> =>
    (await api.allSubmissions(token)).find(
      (s) => s.formId === ALL_TYPES_FORM_ID && s.data['respondent'] === 'Jeanne Ndayishimiye',
    );
  await expect.poll(async () => (await find())?.status, { timeout: 60_000 }).toBe('pending_review');
  const stored = (await find())!;
  expect(stored.formVersion).toBe(version);
  expect(stored.meta.area).toBe('CL03010101');
  expect(stored.data).toMatchObject({
    colline: 'CL03010101',
    commune: 'C0301',
    visitors: 2,
    budget: 1250000,
    harvest_month: '2025-06-01',
    phone: '+25779123456',
    consent: 'yes',
    services: ['health', 'cash'],
    satisfied: 'a4',
    priorities: ['cash', 'health', 'school'],
    score: 7,
    stars: 4,
    water: 'yes',
    school: 'no',
    card: CARD,
    confirm: 'OK',
    child_count: 1,
    children: [{ child_name: 'Ange', child_age: 7 }],
    username: 'enumerator',
  });
  expect(stored.data['visit_time']).toMatch(/^08:30:00\.000[+-]\d\d:\d\d$/);
  expect(stored.data['next_visit']).toMatch(/^2030-02-01T09:15:00\.000[+-]\d\d:\d\d$/);
  expect(stored.data['path']).toHaveLength(2);
  // An area is stored closed: its last point is its first.
  const plot = stored.data['plot'] as { lat: number; lon: number }[];
  expect(plot).toHaveLength(4);
  expect(plot[3]).toEqual(plot[0]);
  expect(stored.data['position']).toMatchObject({ lat: -3.4271, lon: 29.9246 });
  expect(String(stored.data['start'])).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(String(stored.data['end'])).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect((stored.data['audit'] as { event: string }[]).map((e) => e.event)).toContain('form finalize');
  expect(stored.data['photo']).toBeUndefined();
});

import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../support/api.js';
import { fileGrievance, hqBaseUrl } from '../support/hq.js';
import { App } from '../support/pages.js';

test.use({ baseURL: hqBaseUrl });

test('a grievance officer takes a ticket from RECEIVED to CLOSED with comments', async ({ page, request }) => {
  const { description, code } = await fileGrievance(request);

  const app = new App(page);
  await app.open();
  await app.login('grievance', DEMO_PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Plaintes' }).click();
  await expect(page.getByRole('heading', { name: 'Plaintes' })).toBeVisible();
  await page.getByRole('button', { name: /^Reçue/ }).click();
  await page.getByLabel('Numéro de ticket').fill(code);
  await page.getByLabel('Numéro de ticket').press('Enter');
  await page.getByTestId('ticket-line').filter({ hasText: code }).getByRole('link').click();

  await expect(page.getByRole('heading', { name: `Ticket ${code}` })).toBeVisible();
  await expect(page.getByText(description)).toBeVisible();
  await expect(page.getByText('Odette Kaneza')).toBeVisible();
  const status = page.getByTestId('ticket-status');
  await expect(status).toHaveText('Reçue');

  await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
  await expect(status).toHaveText('Ouverte');
  await page
    .getByLabel('Ajouter un commentaire')
    .fill('Appel à la bénéficiaire : le paiement est bloqué chez l’agent.');
  await page.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
  await expect(page.getByText('Appel à la bénéficiaire : le paiement est bloqué chez l’agent.')).toBeVisible();

  await page.getByRole('button', { name: 'Commencer le traitement' }).click();
  await expect(status).toHaveText('En traitement');
  await page.getByRole('button', { name: 'Marquer comme résolue' }).click();
  await page
    .getByLabel('Comment le cas a-t-il été résolu ? (obligatoire)')
    .fill('Paiement versé le 25 novembre après relance de l’agent payeur.');
  await page.getByRole('button', { name: 'Confirmer' }).click();
  await expect(status).toHaveText('Résolue');
  await page.getByRole('button', { name: 'Clôturer le dossier' }).click();
  await expect(status).toHaveText('Clôturée');

  await expect(page.getByText('Paiement versé le 25 novembre après relance de l’agent payeur.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rouvrir' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('ticket-status')).toHaveText('Clôturée');
  await expect(page.getByText('grievance : En traitement → Résolue')).toBeVisible();
});

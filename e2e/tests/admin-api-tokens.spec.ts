import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../support/api.js';
import { watchCsp } from '../support/csp.js';
import { App } from '../support/pages.js';

const TRAINING = 'a77BL33LXCfAVovg4seMbH';

test('an administrator gives the MIS a token for one Kobo form, sees it once, and revokes it', async ({
  page,
  request,
}) => {
  const violations = await watchCsp(page);
  page.on('dialog', (dialog) => void dialog.accept());
  const app = new App(page);
  const name = `mis-${Date.now().toString(36)}`;
  await app.open();
  await app.login('admin', DEMO_PASSWORD);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Jetons d’API' }).click();

  await page.getByRole('button', { name: '+ Nouveau jeton' }).click();
  const form = page.getByRole('form', { name: 'Nouveau jeton' });
  await form.getByLabel('Nom').fill(name);
  await form.getByRole('button', { name: 'Créer le jeton' }).click();
  await expect(form.getByRole('alert')).toHaveText('Cochez au moins un formulaire.');
  await form.getByLabel('Sensibilisation / formation').check();
  await form.getByRole('button', { name: 'Créer le jeton' }).click();
  const shown = page.getByTestId('new-api-token');
  await expect(shown).toContainText(`« ${name} »`);
  const token = await shown.getByRole('textbox').inputValue();
  expect(token).toMatch(/^[0-9a-f]{40}$/);

  // The MIS's request, with that token: the form it was given, nothing else.
  const pull = (uid: string) =>
    request.get(`/api/v2/assets/${uid}/data?format=json`, { headers: { authorization: `Token ${token}` } });
  const page1 = await pull(TRAINING);
  expect(page1.status()).toBe(200);
  expect(await page1.json()).toMatchObject({ next: null, previous: null, results: [] });
  expect((await pull('ayK8Y5yP3MPTYQ3cPcpj9N')).status()).toBe(403);

  const row = page.getByTestId('api-tokens-table').getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(token.slice(0, 6));
  await expect(row).not.toContainText(token);
  await row.getByRole('button', { name: 'Révoquer' }).click();
  await expect(page.getByText(`Jeton « ${name} » révoqué.`)).toBeVisible();
  await expect(row).toContainText('Révoqué le');
  expect((await pull(TRAINING)).status()).toBe(401);
  expect(violations).toEqual([]);
});

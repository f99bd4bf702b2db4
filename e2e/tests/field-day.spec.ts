import { expect, test } from '@playwright/test';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { fillLocation } from '../support/household.js';
import { App } from '../support/pages.js';

/**
 * The field day as an enumerator lives it (issue 17): the location questions offer only their collines, and
 * every record in the outbox opens — its answers in words, its state, and a file of it to keep.
 */
test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await new Api(request).publishVisitForm();
  await request.dispose();
});

test('an enumerator is offered only their collines, and every outbox card opens', async ({ page, request }) => {
  const app = new App(page);
  const api = new Api(request);
  const { token } = await api.login('enumerator');
  const definition = await api.formDefinition(token, 'household_survey');
  const respondent = `Field day ${Date.now()}`;

  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  const form = await app.startForm('Enquête ménage', definition);
  await form.expectSection('location');
  // The demo enumerator works on Mubuga and Karera (Gitega commune): nothing else is offered.
  const options = (name: string) => form.fieldQuestion(name).locator('label.choice, option:not([value=""])');
  await expect(options('province')).toHaveText([form.choiceLabel('province', 'P03')]);
  await form.answerField('province', 'P03');
  await expect(options('commune')).toHaveText([form.choiceLabel('commune', 'C0301')]);
  await form.answerField('commune', 'C0301');
  await expect(options('zone')).toHaveText([form.choiceLabel('zone', 'Z030101')]);
  await form.answerField('zone', 'Z030101');
  await expect(options('colline')).toHaveText([
    form.choiceLabel('colline', 'CL03010101'),
    form.choiceLabel('colline', 'CL03010102'),
  ]);
  await fillLocation(form, 'CL03010102');
  await app.goHome();
  // The draft is named in words (no respondent yet: its colline), never by a code.
  const draft = page.locator('.card').filter({ hasText: 'Enquête ménage' }).first();
  await expect(draft.locator('strong')).toHaveText(form.choiceLabel('colline', 'CL03010102'));

  // A record finished: its card opens on its page, with the place in words, and can be saved to a file.
  const visit = `Visit ${respondent}`;
  await app.captureVisit(visit, 'CL03010102');
  await app.openOutbox();
  await app.outboxItems(visit).getByTestId('outbox-open').click();
  const record = page.getByTestId('record-screen');
  await expect(record.getByRole('heading', { level: 1 })).toHaveText(visit);
  await expect(record).toContainText('Colline : Karera');
  await expect(record).not.toContainText(/CL\d{8}/);
  await expect(record.getByRole('heading', { name: 'Réponses' })).toBeVisible();
  const download = page.waitForEvent('download');
  await record.getByRole('button', { name: 'Enregistrer cette fiche dans un fichier' }).click();
  expect((await download).suggestedFilename()).toMatch(/^kusanya-enumerator-.*-1\.json$/);
  await expect(record.getByRole('status')).toContainText('Téléchargements');
});

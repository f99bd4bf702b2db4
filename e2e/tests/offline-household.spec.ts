import { expect, test } from '@playwright/test';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { fillHousehold, fiveMembers } from '../support/household.js';
import { App } from '../support/pages.js';

test('an enumerator captures a household offline, reloads offline, and it reaches the server once', async ({
  page,
  context,
  request,
}) => {
  const app = new App(page);
  const api = new Api(request);
  const { token } = await api.login('enumerator');
  const definition = await api.formDefinition(token, 'household_survey');
  const respondent = `Ndayishimiye ${Date.now()}`;

  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: '+ Enquête ménage' })).toBeVisible();

  await context.setOffline(true);
  await expect(app.syncBar().getByTestId('connection')).toHaveText('Hors ligne');

  const form = await app.startForm('Enquête ménage', definition);
  const [head, spouse] = fiveMembers('Ndayishimiye');
  await fillHousehold(form, respondent, [head!, spouse!]);
  await form.finish();

  await expect(page.getByText("La fiche est dans la boîte d'envoi")).toBeVisible();
  await expect(app.outboxItems(respondent)).toHaveCount(1);
  await expect(app.outboxItems(respondent).first()).toHaveAttribute('data-status', 'submitted');
  await expect(app.syncBar().getByTestId('waiting')).toHaveText('En attente d’une connexion : 1 à envoyer');

  // Reload while offline: the app shell comes from the service worker, the record from IndexedDB.
  await page.reload();
  await expect(app.syncBar().getByTestId('connection')).toHaveText('Hors ligne');
  await app.openOutbox();
  await expect(app.outboxItems(respondent)).toHaveCount(1);
  await expect(app.outboxItems(respondent).first()).toHaveAttribute('data-status', 'submitted');

  await context.setOffline(false);
  await expect(app.outboxItems(respondent).first()).toHaveAttribute('data-status', 'pending_review', {
    timeout: 30_000,
  });
  await expect(app.syncBar().getByTestId('waiting')).toHaveText('Tout est envoyé');

  const arrived = (await api.allSubmissions(token)).filter((s) => s.data['respondent_name'] === respondent);
  expect(arrived).toHaveLength(1);
  expect(arrived[0]).toMatchObject({
    formId: 'household_survey',
    formVersion: definition.version,
    status: 'pending_review',
    errors: [],
    meta: { area: 'CL03010101' },
    data: {
      colline: 'CL03010101',
      members: [
        {
          first_name: 'Jean',
          last_name: 'Ndayishimiye',
          sex: 'M',
          dob: '1979-04-12',
          relationship: 'HEAD',
          recipient: 'PRIMARY',
        },
        {
          first_name: 'Marie',
          last_name: 'Ndayishimiye',
          sex: 'F',
          age_estimated: 41,
          relationship: 'SPOUSE',
          recipient: 'SECONDARY',
        },
      ],
    },
  });
});

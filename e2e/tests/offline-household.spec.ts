import { expect, test } from '@playwright/test';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { App, HouseholdForm } from '../support/pages.js';

test('an enumerator captures a household offline, reloads offline, and it reaches the server once', async ({ page, context, request }) => {
  const app = new App(page);
  const respondent = `Ndayishimiye ${Date.now()}`;

  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: '+ Enquête ménage' })).toBeVisible();

  await context.setOffline(true);
  await expect(app.syncBar().getByTestId('connection')).toHaveText('Hors ligne');

  await app.startForm('Enquête ménage');
  const form = new HouseholdForm(page);
  await form.fillIdentification('Mubuga (sample)', respondent);
  await form.addMember(0, { firstName: 'Jean', lastName: 'Ndayishimiye', sex: 'Homme', dob: '1980-03-01', relationship: 'Chef de ménage' });
  await form.addMember(1, { firstName: 'Aline', lastName: 'Irakoze', sex: 'Femme', dob: '1984-07-12', relationship: 'Conjoint(e)' });
  await form.finalize();

  await expect(page.getByText('La fiche est dans la boîte d\'envoi')).toBeVisible();
  await expect(app.outboxItems(respondent)).toHaveCount(1);
  await expect(app.outboxItems(respondent).first()).toHaveAttribute('data-status', 'submitted');
  await expect(app.syncBar().getByTestId('waiting')).toHaveText('En attente d’envoi : 1');

  // Reload while offline: the app shell comes from the service worker, the record from IndexedDB.
  await page.reload();
  await expect(app.syncBar().getByTestId('connection')).toHaveText('Hors ligne');
  await app.openOutbox();
  await expect(app.outboxItems(respondent)).toHaveCount(1);
  await expect(app.outboxItems(respondent).first()).toHaveAttribute('data-status', 'submitted');

  await context.setOffline(false);
  await expect(app.outboxItems(respondent).first()).toHaveAttribute('data-status', 'pending_review', { timeout: 30_000 });
  await expect(app.syncBar().getByTestId('waiting')).toHaveText('Tout est envoyé');

  const api = new Api(request);
  const { token } = await api.login('enumerator');
  const arrived = (await api.allSubmissions(token)).filter((s) => s.data['respondent_name'] === respondent);
  expect(arrived).toHaveLength(1);
  expect(arrived[0]).toMatchObject({
    formId: 'household_survey',
    status: 'pending_review',
    meta: { area: 'CL03010101' },
    data: {
      colline: 'CL03010101',
      members: [
        { first_name: 'Jean', last_name: 'Ndayishimiye', sex: 'M', dob: '1980-03-01', relationship: 'HEAD' },
        { first_name: 'Aline', last_name: 'Irakoze', sex: 'F', dob: '1984-07-12', relationship: 'SPOUSE' },
      ],
    },
  });
});

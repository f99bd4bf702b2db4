import { expect, test } from '@playwright/test';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { App, HouseholdForm } from '../support/pages.js';

test('a revoked token sends the user back to login without losing the record waiting to be sent', async ({ page, context, request }) => {
  const app = new App(page);
  const respondent = `Irakoze ${Date.now()}`;
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: '+ Enquête ménage' })).toBeVisible();

  await context.setOffline(true);
  await app.startForm('Enquête ménage');
  const form = new HouseholdForm(page);
  await form.fillIdentification('Karera (sample)', respondent);
  await form.addMember(0, { firstName: 'Claude', lastName: 'Irakoze', sex: 'Homme', dob: '1975-01-20', relationship: 'Chef de ménage' });
  await form.finalize();
  await expect(app.outboxItems(respondent)).toHaveCount(1);

  // The token is revoked on the server while the tablet is offline (e.g. an admin ended the session).
  const token = await page.evaluate(() => {
    const accounts = JSON.parse(localStorage.getItem('kusanya.accounts') ?? '[]') as { user: { username: string }; token: string }[];
    return accounts.find((a) => a.user.username === 'enumerator')?.token ?? '';
  });
  expect((await request.post('/api/auth/logout', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(204);

  await context.setOffline(false);
  await expect(page.getByText('Votre session a pris fin')).toBeVisible({ timeout: 30_000 });
  await app.login('enumerator', DEMO_PASSWORD);
  await app.openOutbox();
  await expect(app.outboxItems(respondent)).toHaveCount(1);
  await expect(app.outboxItems(respondent).first()).toHaveAttribute('data-status', 'pending_review', { timeout: 30_000 });

  const api = new Api(request);
  const { token: fresh } = await api.login('enumerator');
  expect((await api.allSubmissions(fresh)).filter((s) => s.data['respondent_name'] === respondent)).toHaveLength(1);
});

import { expect, test } from '@playwright/test';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { fillHousehold, fiveMembers } from '../support/household.js';
import { App } from '../support/pages.js';

test('a revoked token sends the user back to login without losing the record waiting to be sent', async ({
  page,
  context,
  request,
}) => {
  const app = new App(page);
  const api = new Api(request);
  const definition = await api.formDefinition((await api.login('enumerator')).token, 'household_survey');
  const respondent = `Irakoze ${Date.now()}`;
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: '+ Enquête ménage' })).toBeVisible();

  await context.setOffline(true);
  const form = await app.startForm('Enquête ménage', definition);
  const [head, spouse] = fiveMembers('Irakoze');
  await fillHousehold(form, respondent, [head!, spouse!]);
  await form.finish();
  await expect(app.outboxItems(respondent)).toHaveCount(1);

  // The token is revoked on the server while the tablet is offline (e.g. an admin ended the session).
  const token = await page.evaluate(() => {
    const accounts = JSON.parse(localStorage.getItem('kusanya.accounts') ?? '[]') as {
      user: { username: string };
      token: string;
    }[];
    return accounts.find((a) => a.user.username === 'enumerator')?.token ?? '';
  });
  expect((await request.post('/api/auth/logout', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(
    204,
  );

  await context.setOffline(false);
  await expect(page.getByText('Votre session a pris fin')).toBeVisible({ timeout: 30_000 });
  await app.login('enumerator', DEMO_PASSWORD);
  await app.openOutbox();
  await expect(app.outboxItems(respondent)).toHaveCount(1);
  await expect(app.outboxItems(respondent).first()).toHaveAttribute('data-status', 'pending_review', {
    timeout: 30_000,
  });

  const { token: fresh } = await api.login('enumerator');
  expect((await api.allSubmissions(fresh)).filter((s) => s.data['respondent_name'] === respondent)).toHaveLength(1);
});

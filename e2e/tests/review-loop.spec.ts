/**
 * The review loop across three browsers (DESIGN.md §4): an enumerator captures a household offline and syncs;
 * a supervisor returns it with a comment; the enumerator sees it offline, corrects and resubmits; the supervisor
 * sees what changed and approves; the household and its members enter the registry with their history, and an
 * HQ reader sees the decision. Then a duplicate is caught at push time and resolved by the supervisor.
 */
import { expect, test, type Browser } from '@playwright/test';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { FormPage } from '../support/forms.js';
import { fillHousehold, fiveMembers } from '../support/household.js';
import { App } from '../support/pages.js';
import { ReviewPages } from '../support/review.js';

async function signedIn(browser: Browser, username: string): Promise<App> {
  const { baseURL, viewport } = test.info().project.use;
  const context = await browser.newContext({ baseURL, viewport, serviceWorkers: 'allow' });
  const app = new App(await context.newPage());
  await app.open();
  await app.login(username, DEMO_PASSWORD);
  return app;
}

test('a household goes from the tablet to review, back for correction, and into the registry with its history', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const api = new Api(request);
  const stamp = Date.now().toString(36);
  const family = `Nzeyimana${stamp}`;
  const respondent = `${family} Consolate`;
  const definition = await api.formDefinition((await api.login('enumerator')).token, 'household_survey');

  // Enumerator: captures offline, then syncs.
  const enumerator = await signedIn(browser, 'enumerator');
  const tablet = enumerator.page.context();
  await expect(enumerator.page.getByRole('button', { name: '+ Enquête ménage' })).toBeVisible({ timeout: 30_000 });
  await tablet.setOffline(true);
  const form = await enumerator.startForm('Enquête ménage', definition);
  const [head, spouse] = fiveMembers(family);
  await fillHousehold(form, respondent, [head!, spouse!]);
  await form.finish();
  await tablet.setOffline(false);
  await enumerator.openOutbox();
  await expect(enumerator.outboxItems(respondent)).toHaveAttribute('data-status', 'pending_review', {
    timeout: 30_000,
  });

  // Supervisor: returns it with a comment.
  const supervisor = await signedIn(browser, 'supervisor');
  const review = new ReviewPages(supervisor.page);
  await review.openRecord(respondent);
  await expect(supervisor.page.getByText(`${head!['first_name']} `, { exact: false }).first()).toBeVisible();
  await review.returnWithComment('Le ménage a 4 pièces, pas 3.');

  // Enumerator: the returned record arrives, is corrected offline and resubmitted.
  await expect(async () => {
    await enumerator.page.getByRole('button', { name: /Synchroniser/ }).click();
    await expect(enumerator.outboxItems(respondent)).toHaveAttribute('data-status', 'returned', { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await tablet.setOffline(true);
  const item = enumerator.outboxItems(respondent);
  await expect(item).toContainText('Le ménage a 4 pièces, pas 3.');
  await item.getByRole('button', { name: 'Corriger' }).click();
  const correction = new FormPage(enumerator.page, 'fr', definition);
  await correction.goToSection(correction.label('housing'));
  await correction.answerField('rooms', 4);
  await correction.finish(correction.t('correction.finalize'));
  await expect(enumerator.outboxItems(respondent)).toHaveAttribute('data-status', 'submitted');
  await tablet.setOffline(false);
  await expect(enumerator.outboxItems(respondent)).toHaveAttribute('data-status', 'pending_review', {
    timeout: 30_000,
  });

  // Supervisor: sees what changed between the revisions, and approves.
  await review.openRecord(respondent);
  await expect(supervisor.page.getByTestId('revisions')).toContainText(
    'Nombre de pièces utilisées pour dormir : 3 → 4',
  );
  const code = await review.approve();
  expect(code).toMatch(/^\d{4}-P03-\d{6}$/);
  await expect(async () => {
    await enumerator.page.getByRole('button', { name: /Synchroniser/ }).click();
    await expect(enumerator.outboxItems(respondent)).toHaveAttribute('data-status', 'approved', { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });

  // The registry, as HQ reads it: the household with its members and the history of every change.
  const registered = await api.registryHousehold(code);
  expect(registered?.household).toMatchObject({ code, area: 'CL03010101', version: 1 });
  expect(
    registered!.members
      .filter((m) => m.endedAt === null)
      .map((m) => m.role)
      .sort(),
  ).toEqual(['HEAD', 'SPOUSE']);
  expect(registered!.timeline.flatMap((t) => t.changes.map((c) => c.field))).toEqual(
    expect.arrayContaining(['(created)', '(joined)']),
  );

  // The enumerator's tablet gets the household for revisits.
  await enumerator.page.getByRole('button', { name: /Synchroniser/ }).click();
  await enumerator.page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Ménages' })
    .click();
  await enumerator.page.getByLabel('Chercher par nom ou code du ménage').fill(code);
  await expect(enumerator.page.getByTestId('household-item')).toContainText(code);

  // HQ reads the record and its decisions, without decision buttons.
  const record = (await api.allSubmissions((await api.login('enumerator')).token)).find(
    (s) => s.data['respondent_name'] === respondent,
  )!;
  const hq = await signedIn(browser, 'hq');
  await hq.page.goto(`/review/${record.id}`);
  await expect(hq.page.getByTestId('record-status')).toHaveText('Approuvée');
  await expect(hq.page.getByRole('button', { name: 'Approuver', exact: true })).toHaveCount(0);
  await expect(hq.page.getByText('Le ménage a 4 pièces, pas 3.')).toBeVisible();
  for (const app of [enumerator, supervisor, hq]) await app.page.context().close();
});

test('a duplicate is caught when the record arrives and the supervisor resolves it', async ({ browser, request }) => {
  const api = new Api(request);
  const stamp = Date.now().toString(36);
  const family = `Ntirampeba${stamp}`;
  const login = await api.login('enumerator');
  const first = await api.pushHousehold(login, `${family} Jean`);
  const supervisorLogin = await api.login('supervisor');
  expect(
    (
      await request.post(`/api/review/submissions/${first.id}/decision`, {
        headers: { authorization: `Bearer ${supervisorLogin.token}` },
        data: { decision: 'approve', rev: first.rev },
      })
    ).ok(),
  ).toBe(true);

  // The same family registered again by another visit: the head has the same name, sex and birth year.
  const second = await api.pushHousehold(login, `${family} Jean`);
  expect(second.status).toBe('pending_review');

  const supervisor = await signedIn(browser, 'supervisor');
  const review = new ReviewPages(supervisor.page);
  await review.openRecord(`${family} Jean`);
  const candidates = supervisor.page.getByTestId('candidate');
  await expect(candidates.first()).toContainText('Dans le registre : ménage');
  await expect(supervisor.page.getByTestId('queue-count')).toHaveCount(0);
  // Approving waits until every candidate is decided.
  await expect(supervisor.page.getByRole('button', { name: 'Approuver', exact: true })).toBeDisabled();
  await expect(supervisor.page.getByTestId('approve-blocked')).toContainText(
    'Décidez d’abord pour chaque doublon possible',
  );
  // The supervisor checks: it is the same household already registered, so the new record is rejected as a duplicate.
  const householdCandidate = candidates.filter({ hasText: 'même colline' });
  await householdCandidate.getByRole('button', { name: 'Même ménage' }).click();
  await expect(householdCandidate).toContainText('Marqué comme identique');
  await supervisor.page.getByRole('button', { name: 'Rejeter', exact: true }).click();
  await supervisor.page.getByLabel('Motif').selectOption({ label: 'Doublon' });
  await supervisor.page.getByRole('button', { name: 'Rejeter cette fiche' }).click();
  await expect(
    supervisor.page.getByRole('status').filter({ hasText: 'Décision enregistrée : Rejetée.' }),
  ).toBeVisible();

  const mine = (await api.allSubmissions(login.token)).find((s) => s.id === second.id);
  expect(mine).toMatchObject({ status: 'rejected', review: { reason: 'DUPLICATE' } });
  await supervisor.page.context().close();
});

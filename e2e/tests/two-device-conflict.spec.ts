/**
 * Two tablets of the same enumerator correct the same returned record while offline. The first to sync wins on
 * the server; the second is told about the conflict, keeps its answers as a conflict copy, and the server keeps
 * its version too: neither edit is lost.
 */
import type { FormDefinition } from '@kusanya/schemas';
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { FormPage } from '../support/forms.js';
import { App } from '../support/pages.js';
import { receivedVersions } from '../support/cli.js';

async function tablet(browser: Browser): Promise<{ context: BrowserContext; app: App }> {
  const { baseURL, viewport } = test.info().project.use;
  const context = await browser.newContext({ baseURL, viewport, serviceWorkers: 'allow' });
  const app = new App(await context.newPage());
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  return { context, app };
}

async function correctOffline(
  app: App,
  context: BrowserContext,
  definition: FormDefinition,
  original: string,
  corrected: string,
) {
  await app.openOutbox();
  const item = app.outboxItems(original);
  await expect(item).toHaveAttribute('data-status', 'returned', { timeout: 30_000 });
  await expect(item.getByText('Vérifiez le nom du répondant')).toBeVisible();
  await context.setOffline(true);
  await item.getByRole('button', { name: 'Corriger' }).click();
  await expect(app.page.getByTestId('correction-banner')).toContainText('Vérifiez le nom du répondant');
  const form = new FormPage(app.page, 'fr', definition);
  await form.goToSection(form.label('respondent_grp'));
  await form.answerField('respondent_name', corrected);
  await form.finish(form.t('correction.finalize'));
  await expect(app.outboxItems(corrected)).toHaveAttribute('data-status', 'submitted');
}

test('two tablets correct the same returned record: the conflict is shown and neither edit is lost', async ({
  browser,
  request,
}) => {
  const stamp = Date.now();
  const original = `Conflit ${stamp}`;
  const api = new Api(request);
  const login = await api.login('enumerator');
  const definition = await api.formDefinition(login.token, 'household_survey');
  const record = await api.pushHousehold(login, original);
  // The supervisor returns it (review API).
  await api.decide(record.id, { decision: 'return', rev: record.rev, comment: 'Vérifiez le nom du répondant' });

  const a = await tablet(browser);
  const b = await tablet(browser);
  await correctOffline(a.app, a.context, definition, original, `Version A ${stamp}`);
  await correctOffline(b.app, b.context, definition, original, `Version B ${stamp}`);

  // Tablet A syncs first: its correction is accepted.
  await a.context.setOffline(false);
  await expect(a.app.outboxItems(`Version A ${stamp}`)).toHaveAttribute('data-status', 'pending_review', {
    timeout: 30_000,
  });

  // Tablet B syncs: the server already has A's correction. B is told, and keeps its answers.
  await b.context.setOffline(false);
  await expect(b.app.syncBar().getByTestId('conflicts')).toHaveText('Conflits à regarder : 1', { timeout: 30_000 });
  const onB = b.app.outboxItems(`Version A ${stamp}`);
  await expect(onB).toHaveAttribute('data-status', 'pending_review');
  await expect(onB.getByTestId('conflict-copy')).toContainText(
    'Vos réponses de cette tablette n’ont pas été appliquées',
  );
  await onB.getByRole('link', { name: 'Voir mes réponses' }).click();
  await expect(b.app.page.getByTestId('draft-notice')).toContainText('Copie en conflit');
  const copy = new FormPage(b.app.page, 'fr', definition);
  await copy.goToSection(copy.label('respondent_grp'));
  await expect(copy.fieldQuestion('respondent_name').getByRole('textbox')).toHaveValue(`Version B ${stamp}`);
  // The record is under review again, so the copy cannot be used as a correction (only kept or deleted).
  await copy.finish(copy.t('draft.useForCorrection'));
  await expect(
    b.app.page.getByRole('alert').filter({ hasText: 'La fiche ne peut pas être corrigée maintenant' }),
  ).toBeVisible();

  // On the server: A's answers are the record, B's are kept as a refused version. Nothing is lost.
  const master = await api.submissionsOf(`Version A ${stamp}`);
  expect(master).toHaveLength(1);
  expect(master[0]).toMatchObject({ id: record.id, status: 'pending_review' });
  const versions = (await receivedVersions([record.id])).get(record.id) ?? [];
  expect(versions.filter((v) => v.source === 'device' && v.accepted).map((v) => v.doc.data['respondent_name'])).toEqual(
    [original, `Version A ${stamp}`],
  );
  expect(versions.filter((v) => !v.accepted).map((v) => v.doc.data['respondent_name'])).toEqual([`Version B ${stamp}`]);
  expect(await api.submissionsOf(`Version B ${stamp}`)).toHaveLength(0);

  await a.context.close();
  await b.context.close();
});

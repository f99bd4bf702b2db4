import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { expect, test } from '@playwright/test';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { constraintMessage } from '../support/definitions.js';
import { FormPage } from '../support/forms.js';
import { App } from '../support/pages.js';
import { receivedVersions } from '../support/cli.js';
import { submissionFixture } from '@kusanya/tools/factories/submission';

test('a record the server quarantined is corrected offline on the device and resubmitted as a new version', async ({
  page,
  context,
  request,
}) => {
  const api = new Api(request);
  const { token, user } = await api.login('enumerator');
  const definition = await api.formDefinition(token, 'household_survey');
  const respondent = `Bizimana ${Date.now()}`;

  // The enumerator's record reaches the server with an answer that breaks a rule (0 rooms).
  const now = new Date().toISOString();
  const record = submissionFixture({
    formVersion: definition.version,
    data: { ...sampleHousehold(3), respondent_name: respondent, rooms: 0 },
    meta: { enumeratorId: user.id, deviceId: 'another-tablet', startedAt: now, finalizedAt: now },
    updatedAt: Date.now(),
  });
  const [quarantined] = await api.push(token, [record]);
  expect(quarantined).toMatchObject({ status: 'needs_correction', errors: [{ path: 'rooms' }] });

  // The device pulls it and shows it as needing correction, with the message.
  const app = new App(page);
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  await app.openOutbox();
  const item = app.outboxItems(respondent);
  await expect(item).toHaveAttribute('data-status', 'needs_correction', { timeout: 30_000 });
  await expect(item).toContainText('À corriger');
  const form = new FormPage(page, 'fr', definition);
  await expect(item.getByTestId('outbox-errors')).toContainText(
    `${form.label('rooms')} : ${constraintMessage(definition, 'rooms', 'fr')}`,
  );

  // Corrected offline: the record opens with its answers and the same rule checked on the device.
  await context.setOffline(true);
  await item.getByRole('button', { name: 'Corriger' }).click();
  await expect(page.getByTestId('correction-banner')).toContainText(constraintMessage(definition, 'rooms', 'fr'));
  await form.goToSection(form.label('respondent_grp'));
  await expect(form.fieldQuestion('respondent_name').locator('input')).toHaveValue(respondent);
  await form.goToSection(form.label('housing'));
  await expect(form.message(form.label('rooms'))).toHaveText(constraintMessage(definition, 'rooms', 'fr'));
  await form.answerField('rooms', 2);
  await form.finish(form.t('correction.finalize'));

  await expect(page.getByText("La fiche corrigée est dans la boîte d'envoi")).toBeVisible();
  await expect(app.outboxItems(respondent)).toHaveCount(1);
  await expect(app.outboxItems(respondent)).toHaveAttribute('data-status', 'submitted');
  await expect(app.outboxItems(respondent).getByTestId('outbox-errors')).toHaveCount(0);

  await context.setOffline(false);
  await expect(app.outboxItems(respondent)).toHaveAttribute('data-status', 'pending_review', { timeout: 30_000 });
  await expect(app.outboxItems(respondent)).toContainText('Envoyée, en attente de vérification');

  // On the server: one record, now waiting for review, and both versions the device sent were accepted.
  const mine = (await api.allSubmissions(token)).filter((s) => s.id === record.id);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({
    status: 'pending_review',
    errors: [],
    data: { rooms: 2, respondent_name: respondent },
  });
  const versions = (await receivedVersions([record.id])).get(record.id) ?? [];
  const accepted = versions.filter((v) => v.source === 'device' && v.accepted);
  expect(accepted.map((v) => v.doc.data['rooms'])).toEqual([0, 2]);
});

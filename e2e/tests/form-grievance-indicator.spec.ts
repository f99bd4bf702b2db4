import type { FormDefinition } from '@kusanya/schemas';
import { expect, test, type Page } from '@playwright/test';
import type { Language } from '../../client/src/i18n/messages.js';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { constraintMessage, daysAgo, formTitle } from '../support/definitions.js';
import { FormPage } from '../support/forms.js';
import { answerAll, fillLocation } from '../support/household.js';
import { App } from '../support/pages.js';

async function start(page: Page, definition: FormDefinition, lang: Language): Promise<{ app: App; form: FormPage }> {
  const app = new App(page);
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  const form = new FormPage(page, 'fr', definition);
  await form.switchLanguage(lang);
  await page.getByRole('button', { name: `+ ${formTitle(definition, lang)}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: formTitle(definition, lang) })).toBeVisible();
  return { app, form };
}

for (const lang of ['fr', 'rn'] as const) {
  test(`grievance in ${lang}: cascading categories, anonymity hides and clears the reporter, a too-short description blocks the finish`, async ({
    page,
    request,
  }) => {
    const api = new Api(request);
    const { token } = await api.login('enumerator');
    const definition = await api.formDefinition(token, 'grievance');
    const reporter = `Hakizimana ${lang} ${Date.now()}`;
    const { app, form } = await start(page, definition, lang);

    await form.expectSection('case_grp');
    await form.answerField('case_type', 'COMPLAINT');
    await form.answerField('category', 'PAYMENT');
    // The subcategories follow the category.
    await expect(form.fieldQuestion('subcategory').getByRole('radio')).toHaveCount(4);
    await answerAll(form, { subcategory: 'PAYMENT_NOT_RECEIVED', channel: 'IN_PERSON' });

    await form.next();
    await form.expectSection('reporter_grp');
    await answerAll(form, { anonymous: 'no', reporter_beneficiary: 'yes', reporter_name: 'to be cleared' });
    await form.answerField('anonymous', 'yes');
    await expect(form.fieldQuestion('reporter_name')).toHaveCount(0);
    await expect(form.fieldQuestion('household_code')).toHaveCount(0);
    await form.answerField('anonymous', 'no');
    await expect(form.fieldQuestion('reporter_name').locator('input')).toHaveValue('');
    await answerAll(form, {
      household_code: 'HH-2026-0042',
      reporter_name: reporter,
      reporter_sex: 'F',
      reporter_birth_year: 1985,
      reporter_phone: '79123456',
    });

    await form.next();
    await fillLocation(form);

    await form.next();
    await form.expectSection('details_grp');
    const incident = daysAgo(12);
    await answerAll(form, { incident_date: incident, description: 'Court', resolved_on_spot: 'no' });
    await expect(form.message(form.label('description'))).toHaveText(
      constraintMessage(definition, 'description', lang),
    );

    await form.finish();
    await expect(form.finishErrors()).toContainText(form.label('description'));
    await expect(page).toHaveURL(/\/draft\//);
    await form
      .finishErrors()
      .getByRole('button', { name: form.t('form.goTo') })
      .click();
    await form.answerField('description', 'Le paiement du mois d’octobre n’est pas arrivé.');
    await form.finish();
    await expect(page).toHaveURL(/\/outbox/);
    await expect(app.outboxItems()).not.toHaveCount(0);

    await expect
      .poll(async () => (await api.allSubmissions(token)).find((s) => s.data['reporter_name'] === reporter)?.status, {
        timeout: 30_000,
      })
      .toBe('approved');
    const stored = (await api.allSubmissions(token)).find((s) => s.data['reporter_name'] === reporter)!;
    // A grievance becomes a ticket as soon as it arrives (no review); the device sees its ticket code.
    expect(stored.review?.comment).toMatch(/^Ticket GRV-\d{4}-\d{6}$/);
    expect(stored).toMatchObject({
      formId: 'grievance',
      meta: { area: 'CL03010101' },
      data: {
        case_type: 'COMPLAINT',
        category: 'PAYMENT',
        subcategory: 'PAYMENT_NOT_RECEIVED',
        anonymous: 'no',
        incident_date: incident,
      },
    });
  });

  test(`indicator report in ${lang}: cash transfers hide and clear the sessions, a participant total rule blocks the finish`, async ({
    page,
    request,
  }) => {
    const api = new Api(request);
    const { token } = await api.login('enumerator');
    const definition = await api.formDefinition(token, 'indicator_report');
    const observations = `Distribution ${lang} ${Date.now()}`;
    const { app, form } = await start(page, definition, lang);

    await form.expectSection('activity_grp');
    await answerAll(form, { activity_type: 'SENSITISATION_TRAINING', sessions: 3 });
    await form.answerField('activity_type', 'CASH_TRANSFER');
    await expect(form.fieldQuestion('sessions')).toHaveCount(0);
    await form.answerField('activity_type', 'SENSITISATION_TRAINING');
    await expect(form.fieldQuestion('sessions').locator('input')).toHaveValue('');
    await form.answerField('activity_type', 'CASH_TRANSFER');
    await answerAll(form, { report_date: daysAgo(3), households_attending: 18 });

    await form.next();
    await fillLocation(form);

    await form.next();
    await form.expectSection('participants_grp');
    await answerAll(form, {
      participants_men: 10,
      participants_women: 12,
      participants_batwa: 30,
      participants_disability: 1,
      participants_refugees_returnees: 0,
    });
    await expect(page.locator('[data-note="participants_note"]')).toContainText('22');
    await expect(form.message(form.label('participants_batwa'))).toHaveText(
      constraintMessage(definition, 'participants_batwa', lang, { participants_total: 22 }),
    );

    await form.next();
    await form.expectSection('transfer_grp');
    await answerAll(form, { households_planned: 20, households_paid: 18, amount_planned: 400000, amount_paid: 360000 });
    await expect(page.locator('[data-note="payment_rate_note"]')).toContainText('90');

    // What the MIS reads of a cash transfer: planned and paid by sex, the payment agency.
    await form.next();
    await form.expectSection('details_grp');
    await answerAll(form, {
      planned_women: 12,
      planned_men: 8,
      paid_women: 11,
      paid_men: 7,
      payment_agency: 'Lumicash',
    });

    await form.next();
    await form.answerField('observations', observations);

    await form.finish();
    await expect(form.finishErrors()).toContainText(form.label('participants_batwa'));
    await form
      .finishErrors()
      .getByRole('button', { name: form.t('form.goTo') })
      .click();
    await form.expectSection('participants_grp');
    await form.answerField('participants_batwa', 3);
    await form.finish();
    await expect(page).toHaveURL(/\/outbox/);
    await expect(app.outboxItems()).not.toHaveCount(0);

    await expect
      .poll(
        async () => (await api.allSubmissions(token)).find((s) => s.data['observations'] === observations)?.status,
        { timeout: 30_000 },
      )
      .toBe('pending_review');
    const stored = (await api.allSubmissions(token)).find((s) => s.data['observations'] === observations)!;
    expect(stored).toMatchObject({
      formId: 'indicator_report',
      data: {
        activity_type: 'CASH_TRANSFER',
        participants_batwa: 3,
        amount_paid: 360000,
        payment_rate: 90,
        paid_women: 11,
        payment_agency: 'Lumicash',
      },
    });
    expect(stored.data).not.toHaveProperty('sessions');
  });
}

import type { FormDefinition } from '@kusanya/schemas';
import { expect, test, type Page } from '@playwright/test';
import type { Language } from '../../client/src/i18n/messages.js';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { constraintMessage, formTitle } from '../support/definitions.js';
import { FormPage } from '../support/forms.js';
import { answerAll, fillLocation, fillMember, fiveMembers, householdSections } from '../support/household.js';
import { App } from '../support/pages.js';

/** Logs in, switches the interface language and starts a household survey. */
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
  test(`household survey in ${lang}: GPS, skip logic, a 5-member roster, a broken rule blocking the finish`, async ({
    page,
    context,
    request,
  }) => {
    const api = new Api(request);
    const { token } = await api.login('enumerator');
    const definition = await api.formDefinition(token, 'household_survey');
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: -3.4271, longitude: 29.9246, accuracy: 8 });
    const respondent = `Niyonzima ${lang} ${Date.now()}`;
    const { app, form } = await start(page, definition, lang);

    // Location, with the GPS position and its accuracy.
    await fillLocation(form);
    await page.getByRole('button', { name: form.t('gps.capture') }).click();
    await expect(page.getByTestId('gps-accuracy')).toContainText(`± 8 m (${form.t('gps.good')})`);

    for (const [section, answers] of householdSections(respondent)) {
      await form.next();
      await form.expectSection(section);
      if (section === 'housing') {
        // A rule broken on purpose: its message shows at once, in the chosen language.
        await answerAll(form, { ...answers, rooms: 0 });
        await expect(form.message(form.label('rooms'))).toHaveText(constraintMessage(definition, 'rooms', lang));
      } else if (section === 'land_grp') {
        // Skip logic: the area is asked only for land owners, and its answer goes when it is hidden.
        await form.answerField('owns_land', 'yes');
        await form.answerField('land_ares', 25.5);
        await form.answerField('owns_land', 'no');
        await expect(form.fieldQuestion('land_ares')).toHaveCount(0);
        await form.answerField('owns_land', 'yes');
        await expect(form.fieldQuestion('land_ares').locator('input')).toHaveValue('');
        await answerAll(form, answers);
        await expect(form.fieldQuestion('land_ares')).toHaveCount(0);
      } else {
        await answerAll(form, answers);
      }
    }

    await form.next();
    await form.expectSection('members');
    const members = fiveMembers(respondent.split(' ')[0]!);
    for (const [index, member] of members.entries()) await fillMember(form, index, member);
    await expect(form.entryCards()).toHaveCount(5);
    for (const card of await form.entryCards().all()) await expect(card).toHaveAttribute('data-level', 'complete');
    await expect(form.entryCards().nth(2)).toContainText(`Claude ${members[2]!['last_name']}`);

    await form.next();
    await form.expectSection('roster_check');
    await expect(page.locator('[data-note="roster_summary"]')).toContainText('5');
    await form.answerField('roster_complete', 'yes');

    // Finishing is refused while the broken rule stands; the list leads to the question.
    await form.finish();
    await expect(form.finishErrors()).toContainText(form.label('rooms'));
    await expect(form.finishErrors()).toContainText(constraintMessage(definition, 'rooms', lang));
    await expect(page).toHaveURL(/\/draft\//);
    await form
      .finishErrors()
      .locator('li', { hasText: form.label('rooms') })
      .getByRole('button', { name: form.t('form.goTo') })
      .click();
    await form.expectSection('housing');
    await form.answerField('rooms', 3);
    await expect(form.message(form.label('rooms'))).toHaveCount(0);
    expect(await (await form.section(form.label('housing'))).getAttribute('data-level')).toBe('complete');

    await form.finish();
    await expect(page).toHaveURL(/\/outbox/);
    await expect(app.outboxItems(respondent)).toHaveCount(1);
    await expect(app.outboxItems(respondent).first()).toHaveAttribute('data-status', 'pending_review', {
      timeout: 30_000,
    });

    const [stored] = (await api.allSubmissions(token)).filter((s) => s.data['respondent_name'] === respondent);
    expect(stored).toMatchObject({
      formVersion: definition.version,
      status: 'pending_review',
      meta: { area: 'CL03010101' },
      data: { rooms: 3, owns_land: 'no', gps: { lat: -3.4271, lon: 29.9246, accuracy: 8 }, roster_complete: 'yes' },
    });
    expect(stored!.data).not.toHaveProperty('land_ares');
    const roster = stored!.data['members'] as Record<string, unknown>[];
    expect(roster.map((m) => m['first_name'])).toEqual(['Jean', 'Marie', 'Claude', 'Aline', 'Divine']);
    expect(roster.map((m) => m['relationship'])).toEqual(['HEAD', 'SPOUSE', 'SON', 'DAUGHTER', 'DAUGHTER']);
  });
}

test('switching language in the middle of a form keeps every answer', async ({ page, request }) => {
  const api = new Api(request);
  const definition = await api.formDefinition((await api.login('enumerator')).token, 'household_survey');
  const { form } = await start(page, definition, 'rn');
  await fillLocation(form);
  await form.next();
  await form.answerField('consent', 'yes');
  await form.next();
  await form.answerField('respondent_name', 'Ndikumana Eric');
  await form.next();
  await form.answerField('hh_type', 'EXTENDED');

  await form.switchLanguage('fr');
  await form.expectSection('household');
  await expect(
    form.fieldQuestion('hh_type').getByRole('radio', { name: form.choiceLabel('hh_type', 'EXTENDED') }),
  ).toBeChecked();
  await form.previous();
  await form.expectSection('respondent_grp');
  await expect(form.fieldQuestion('respondent_name').locator('input')).toHaveValue('Ndikumana Eric');

  await form.switchLanguage('en');
  await form.expectSection('respondent_grp');
  await form.goToSection(form.label('location'));
  await expect(
    form.fieldQuestion('colline').getByRole('radio', { name: form.choiceLabel('colline', 'CL03010101') }),
  ).toBeChecked();
  const location = await form.section(form.label('location'));
  await expect(location).toHaveAttribute('data-level', 'complete');
  await expect(form.progress()).toHaveText('Section 1 of 13');
});

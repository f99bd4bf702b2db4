import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../support/api.js';
import { App } from '../support/pages.js';

/**
 * Every workbook of the XLSForm corpus (forms/corpus, forms nobody here wrote: pyxform's examples, ODK's "All question
 * types", field forms from KoboToolbox and ODK) that pyxform converts, checked on the admin screen and walked in its
 * preview, as the enumerator will see it: on each screen no part fails to show, every question shows its label, and
 * nothing shows a raw code. Bounded: the first SCREENS screens of each form.
 */
const CORPUS = new URL('../../forms/corpus/', import.meta.url);
const SCREENS = 12;

const verdicts = JSON.parse(readFileSync(new URL('verdicts.json', CORPUS), 'utf8')) as Record<
  string,
  { pyxform: 'converts' | 'refuses'; odkValidate?: 'refuses' }
>;
const importable = Object.entries(verdicts)
  .filter(([, v]) => v.pyxform === 'converts' && v.odkValidate !== 'refuses')
  .map(([file]) => file);

/** What must never reach an enumerator's screen: expression syntax, unformatted messages, JavaScript's leftovers. */
const RAW = /\$\{|jr:itext|\[object Object\]|\bundefined\b|\bNaN\b|\{[a-zA-Z]+\}/;

/** The problems of the screen on show in the preview (empty when it is right). */
function screenProblems(page: Page): Promise<string[]> {
  return page.getByTestId('form-preview').evaluate((preview, raw) => {
    const problems: string[] = [];
    if (preview.querySelector('[data-testid="preview-broken"]')) problems.push('a part failed to show');
    const screen = preview.querySelector('section.screen');
    const text = (screen ?? preview).textContent ?? '';
    const code = new RegExp(raw).exec(text);
    if (code) problems.push(`raw code "${code[0]}" in: ${text.slice(Math.max(0, code.index - 40), code.index + 40)}`);
    for (const question of Array.from(preview.querySelectorAll<HTMLElement>('[data-question]'))) {
      const label = question.querySelector('.question-label');
      const shown = label?.textContent?.replace(/\s*\*$/, '').trim() ?? '';
      const hint = question.querySelector('.hint')?.textContent?.trim() ?? '';
      const media = question.querySelector('img, audio, video, .label-media') !== null;
      if (!shown && !hint && !media) problems.push(`question ${question.dataset['question']} has no label`);
      if (label && label.getBoundingClientRect().height === 0 && !hint) {
        problems.push(`the label of ${question.dataset['question']} is not visible`);
      }
    }
    return problems;
  }, RAW.source);
}

test.describe.configure({ mode: 'serial' });

test(`every importable corpus workbook (${importable.length}) previews screen by screen as the enumerator will see it`, async ({
  page,
}) => {
  test.setTimeout(600_000);
  const app = new App(page);
  await app.open();
  await app.login('admin', DEMO_PASSWORD);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Formulaires' }).click();
  await page.getByRole('link', { name: 'Importer un formulaire' }).click();
  const file = page.getByLabel('Fichier XLSForm (.xlsx, .xls)');

  const found: string[] = [];
  let walked = 0;
  for (const name of importable) {
    await file.setInputFiles(fileURLToPath(new URL(name, CORPUS)));
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect(page.getByTestId('import-result'), name).toContainText('ne contient aucun problème');
    await page.getByRole('button', { name: 'Aperçu sur la tablette' }).click();
    const preview = page.getByTestId('form-preview');
    await expect(preview.locator('section.screen'), name).toBeVisible();
    for (let screen = 0; screen < SCREENS; screen++) {
      walked++;
      for (const problem of await screenProblems(page)) found.push(`${name}, screen ${screen + 1}: ${problem}`);
      // Roster entries stay closed: "next" goes from section to section, up to the finishing screen.
      const next = preview.locator('.form-nav').getByRole('button', { name: 'Suivant →' });
      if ((await next.count()) === 0) break;
      const before = await preview.getByTestId('progress-text').textContent();
      await next.click();
      await expect(preview.getByTestId('progress-text')).not.toHaveText(before ?? '');
    }
    await page.getByRole('button', { name: 'Fermer l’aperçu' }).click();
  }
  expect(walked).toBeGreaterThan(importable.length);
  expect(found, `${walked} screens of ${importable.length} forms`).toEqual([]);
});

import type { Choice, FormDefinition, FormNode } from '@kusanya/schemas';
import { expect, type Locator, type Page } from '@playwright/test';
import { MESSAGES, type Language, type MessageKey } from '../../client/src/i18n/messages.js';

export type Answer = string | number | readonly string[];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (s: string) => new RegExp(`^\\s*${escapeRe(s)}\\s*$`);
/** A question label: the text, then the required mark if any. */
const labelled = (s: string) => new RegExp(`^\\s*${escapeRe(s)}(\\s*\\*)?\\s*$`);

function findNode(nodes: readonly FormNode[], name: string): FormNode | undefined {
  for (const node of nodes) {
    if (node.name === name) return node;
    const inner = node.children ? findNode(node.children, name) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Page model of the form renderer: answer a question by its label, move between sections, use the
 * list of sections, add roster entries, switch language and finish. Texts are looked up in the app's
 * own catalogues for the language in use, so the same steps work in French, Kirundi and English.
 *
 * With the form's definition, questions can also be answered by name (`answerField('sex', 'F')`):
 * the label and the choice labels are then taken from the definition in the current language, so
 * the test still finds them on screen as an enumerator would.
 */
export class FormPage {
  constructor(
    readonly page: Page,
    public lang: Language = 'fr',
    readonly definition?: FormDefinition,
  ) {}

  t(key: MessageKey): string {
    return MESSAGES[this.lang][key];
  }

  /** The question whose label is exactly `label`, on the current screen. */
  question(label: string): Locator {
    return this.page
      .locator('.question')
      .filter({ has: this.page.locator(':scope > .question-label', { hasText: labelled(label) }) });
  }

  /** Answers a question: text and numbers are typed, choices are given by their labels. */
  async answer(label: string, value: Answer): Promise<void> {
    const question = this.question(label);
    await expect(question, `question "${label}"`).toHaveCount(1);
    const type = await question.getAttribute('data-type');
    switch (type) {
      case 'select_one': {
        const select = question.locator('select');
        if ((await select.count()) > 0) await select.selectOption({ label: String(value) });
        else await question.getByRole('radio', { name: String(value), exact: true }).check();
        return;
      }
      case 'select_multiple': {
        for (const v of value as readonly string[])
          await question.getByRole('checkbox', { name: v, exact: true }).check();
        return;
      }
      default:
        await question.locator('input, textarea').fill(String(value));
    }
  }

  /** The message shown under a question (a broken rule, a missing answer, a failed calculation). */
  message(label: string): Locator {
    return this.question(label).locator('.field-error');
  }

  // ---- by name, through the definition

  private def(): FormDefinition {
    if (!this.definition) throw new Error('this FormPage has no form definition');
    return this.definition;
  }

  label(name: string): string {
    const def = this.def();
    const node = findNode(def.fields, name);
    if (!node) throw new Error(`no question ${name}`);
    return node.label?.[this.lang] ?? node.label?.[def.defaultLanguage] ?? name;
  }

  choiceLabel(name: string, choice: string): string {
    const def = this.def();
    const list = findNode(def.fields, name)?.list;
    const found: Choice | undefined = list ? def.choices[list]?.find((c) => c.name === choice) : undefined;
    if (!found) throw new Error(`no choice ${choice} for ${name}`);
    return found.label?.[this.lang] ?? found.label?.[def.defaultLanguage] ?? choice;
  }

  private shown(name: string, value: Answer): Answer {
    const node = findNode(this.def().fields, name);
    if (node?.type === 'select_one') return this.choiceLabel(name, String(value));
    if (node?.type === 'select_multiple') return (value as readonly string[]).map((v) => this.choiceLabel(name, v));
    return value;
  }

  /** Answers the question `name` with a stored value (choice names for selects). */
  async answerField(name: string, value: Answer): Promise<void> {
    await this.answer(this.label(name), this.shown(name, value));
  }

  /** Answers `name` only if it is on screen now (questions that depend on, e.g., a person's age). */
  async answerFieldIfShown(name: string, value: Answer): Promise<boolean> {
    if ((await this.question(this.label(name)).count()) === 0) return false;
    await this.answerField(name, value);
    return true;
  }

  fieldQuestion(name: string): Locator {
    return this.question(this.label(name));
  }

  // ---- moving around

  screenTitle(): Locator {
    return this.page.locator('.screen-title');
  }

  /** Waits until the current section is the group (or repeat) `name` of the definition. */
  async expectSection(name: string): Promise<void> {
    await expect(this.screenTitle()).toHaveText(this.label(name));
  }

  async next(): Promise<void> {
    await this.page
      .locator('.form-nav')
      .getByRole('button', { name: new RegExp(`^${escapeRe(this.t('form.next'))}`) })
      .click();
  }

  async previous(): Promise<void> {
    await this.page
      .locator('.form-nav')
      .getByRole('button', { name: new RegExp(`^← ${escapeRe(this.t('form.previous'))}`) })
      .click();
  }

  progress(): Locator {
    return this.page.getByTestId('progress-text');
  }

  async openSections(): Promise<Locator> {
    const panel = this.page.getByTestId('sections').first();
    if (!(await panel.isVisible()))
      await this.page.getByRole('button', { name: `☰ ${this.t('form.sections')}` }).click();
    return panel;
  }

  /** The entry of a section in the list of sections (its text says how complete it is). */
  async section(title: string): Promise<Locator> {
    const panel = await this.openSections();
    return panel.locator('.section').filter({ has: this.page.locator('.section-title', { hasText: exactly(title) }) });
  }

  async goToSection(title: string): Promise<void> {
    await (await this.section(title)).getByRole('button').click();
    await expect(this.screenTitle()).toHaveText(title);
  }

  async goToFinish(): Promise<void> {
    const finishTitle = this.t('form.finishTitle');
    if ((await this.screenTitle().textContent())?.trim() === finishTitle) return;
    await this.openSections();
    await this.page.locator('.sections-panel').getByRole('button', { name: finishTitle, exact: true }).click();
    await expect(this.screenTitle()).toHaveText(finishTitle);
  }

  /** Goes to the finishing screen and presses the finish button (`label`: another button text). */
  async finish(label = this.t('form.finalize')): Promise<void> {
    await this.goToFinish();
    await this.page.getByRole('button', { name: label, exact: true }).click();
  }

  finishErrors(): Locator {
    return this.page.getByTestId('finish-errors');
  }

  // ---- rosters

  entryCards(): Locator {
    return this.page.getByTestId('entry-card');
  }

  /** Adds an entry to the roster on screen; the new entry opens. */
  async addEntry(): Promise<void> {
    await this.page
      .getByRole('button', { name: new RegExp(`^\\+ ${escapeRe(this.t('form.add'))}\\b`) })
      .first()
      .click();
    await expect(this.page.locator('.entry')).toBeVisible();
  }

  async openEntry(index: number): Promise<void> {
    await this.entryCards().nth(index).locator('.entry-open').click();
    await expect(this.page.locator('.entry')).toBeVisible();
  }

  async backToList(): Promise<void> {
    await this.page
      .locator('.entry-head')
      .getByRole('button', { name: `← ${this.t('form.backToList')}` })
      .click();
    await expect(this.page.locator('.entry')).toHaveCount(0);
  }

  // ---- language

  /** Switches the interface (and form) language from the top bar, as a user would at any time. */
  async switchLanguage(lang: Language): Promise<void> {
    await this.page.locator('.top-bar .language select').selectOption(lang);
    this.lang = lang;
  }
}

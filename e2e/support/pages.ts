import type { FormDefinition } from '@kusanya/schemas';
import { expect, type Page } from '@playwright/test';
import { FormPage } from './forms.js';
import { VISIT_FORM } from './visit-form.js';

/** Page models of the enumerator's screens (labels are the French defaults). */
export class App {
  constructor(readonly page: Page) {}

  /** Opens the app and waits until the service worker controls it, so it keeps working offline. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, {
      timeout: 30_000,
    });
  }

  async login(username: string, password: string): Promise<void> {
    await this.page.getByLabel("Nom d'utilisateur").fill(username);
    await this.page.getByLabel('Mot de passe').fill(password);
    await this.page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(this.page.getByRole('banner').getByText(username, { exact: true })).toBeVisible();
  }

  syncBar() {
    return this.page.getByTestId('sync-bar');
  }

  /** Starts a new record of the form titled `title` (in the language on screen) and returns its page model. */
  async startForm(title: string, definition?: FormDefinition, lang: FormPage['lang'] = 'fr'): Promise<FormPage> {
    await this.page.getByRole('button', { name: `+ ${title}` }).click();
    await expect(this.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
    return new FormPage(this.page, lang, definition);
  }

  async openOutbox(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: "Boîte d'envoi" })
      .click();
    await expect(this.page.getByRole('heading', { name: "Boîte d'envoi" })).toBeVisible();
  }

  async openSettings(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Réglages' }).click();
    await expect(this.page.getByRole('heading', { name: 'Réglages' })).toBeVisible();
  }

  async goHome(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Accueil' }).click();
  }

  /**
   * Captures and finishes one record of the short test form (publish it first with `Api.publishVisitForm`),
   * from any screen, through the real form screens.
   */
  async captureVisit(respondent: string, colline = 'CL03010101'): Promise<void> {
    await this.goHome();
    const form = await this.startForm(VISIT_FORM.title['fr']!, VISIT_FORM);
    await form.answerField('colline', colline);
    await form.answerField('respondent_name', respondent);
    await form.finish();
    // Offline it waits for a connection; online it may already be sent: the message follows the record.
    await expect(this.page.getByTestId('finish-flash')).toBeVisible();
  }

  /** Outbox entries, optionally only those about `who` (the record's label, e.g. the respondent). */
  outboxItems(who?: string) {
    const items = this.page.getByTestId('outbox-item');
    return who ? items.filter({ hasText: who }) : items;
  }
}

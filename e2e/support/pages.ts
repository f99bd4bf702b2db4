import { expect, type Page } from '@playwright/test';

/** Page models of the enumerator's screens (labels are the French defaults). */
export class App {
  constructor(readonly page: Page) {}

  /** Opens the app and waits until the service worker controls it, so it keeps working offline. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30_000 });
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

  async startForm(title: string): Promise<void> {
    await this.page.getByRole('button', { name: `+ ${title}` }).click();
    await expect(this.page.getByRole('heading', { name: title })).toBeVisible();
  }

  async openOutbox(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: "Boîte d'envoi" }).click();
    await expect(this.page.getByRole('heading', { name: "Boîte d'envoi" })).toBeVisible();
  }

  async openSettings(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Réglages' }).click();
    await expect(this.page.getByRole('heading', { name: 'Réglages' })).toBeVisible();
  }

  async goHome(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Accueil' }).click();
  }

  /** Captures and finishes one household survey (one member), from any screen. */
  async captureHousehold(respondent: string, colline = 'Mubuga (sample)'): Promise<void> {
    await this.goHome();
    await this.startForm('Enquête ménage');
    const form = new HouseholdForm(this.page);
    await form.fillIdentification(colline, respondent);
    await form.addMember(0, { firstName: 'Jean', lastName: respondent, sex: 'Homme', dob: '1980-03-01', relationship: 'Chef de ménage' });
    await form.finalize();
    await expect(this.page.getByText("La fiche est dans la boîte d'envoi")).toBeVisible();
  }

  /** Outbox entries, optionally only those about `who` (the record's label, e.g. the respondent). */
  outboxItems(who?: string) {
    const items = this.page.getByTestId('outbox-item');
    return who ? items.filter({ hasText: who }) : items;
  }
}

export interface Member {
  firstName: string;
  lastName: string;
  sex: 'Homme' | 'Femme';
  dob: string;
  relationship: string;
}

/** The foundation household survey form. */
export class HouseholdForm {
  constructor(readonly page: Page) {}

  async fillIdentification(colline: string, respondent: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Colline' }).selectOption({ label: colline });
    await this.page.getByRole('textbox', { name: 'Nom du répondant' }).fill(respondent);
  }

  async addMember(index: number, m: Member): Promise<void> {
    await this.page.getByRole('button', { name: '+ Ajouter un membre' }).click();
    const card = this.page.locator('.member').nth(index);
    await card.getByRole('textbox', { name: 'Prénom', exact: true }).fill(m.firstName);
    await card.getByRole('textbox', { name: 'Nom', exact: true }).fill(m.lastName);
    await card.getByRole('radio', { name: m.sex }).check();
    await card.getByRole('textbox', { name: 'Date de naissance' }).fill(m.dob);
    await card.getByRole('combobox', { name: 'Lien avec le chef de ménage' }).selectOption({ label: m.relationship });
  }

  async finalize(): Promise<void> {
    await this.page.getByRole('button', { name: "Terminer et mettre dans la boîte d'envoi" }).click();
  }
}

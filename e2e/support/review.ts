import { expect, type Page } from '@playwright/test';

/** Page model of the supervisor's review screens (French labels). */
export class ReviewPages {
  constructor(readonly page: Page) {}

  async openQueue(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Vérification' })
      .click();
    await expect(this.page.getByRole('heading', { name: 'Fiches à vérifier' })).toBeVisible();
  }

  queueItem(who: string) {
    return this.page.getByTestId('queue-item').filter({ hasText: who });
  }

  /** Opens the record about `who` from the queue (reloading the queue until it is there). */
  async openRecord(who: string): Promise<void> {
    await expect(async () => {
      await this.openQueue();
      await expect(this.queueItem(who)).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await this.queueItem(who).getByRole('link', { name: 'Ouvrir' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: new RegExp(who) })).toBeVisible();
  }

  async returnWithComment(comment: string): Promise<void> {
    await this.page.getByRole('button', { name: "Renvoyer à l'enquêteur" }).click();
    await this.page.getByLabel("Que doit corriger l'enquêteur ?").fill(comment);
    await this.page.getByRole('button', { name: 'Renvoyer avec ce commentaire' }).click();
    await expect(
      this.page.getByRole('status').filter({ hasText: 'Décision enregistrée : Renvoyée pour correction.' }),
    ).toBeVisible();
  }

  /** Approves the open record and returns the household code the registry gave it. */
  async approve(): Promise<string> {
    await this.page.getByRole('button', { name: 'Approuver', exact: true }).click();
    await this.page.getByRole('button', { name: 'Oui, approuver' }).click();
    const notice = this.page.getByRole('status').filter({ hasText: 'Décision enregistrée : Approuvée.' });
    await expect(notice).toBeVisible();
    return /Code ménage (\S+)/.exec((await notice.textContent()) ?? '')?.[1] ?? '';
  }
}

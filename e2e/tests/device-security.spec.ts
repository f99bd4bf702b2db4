import type { FormDefinition } from '@kusanya/schemas';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { Api } from '../support/api.js';
import { watchCsp } from '../support/csp.js';
import { fillHousehold, fiveMembers } from '../support/household.js';
import { App } from '../support/pages.js';

/** Every IndexedDB record of the page's origin, as stored (what someone reading the tablet's disk would find). */
function storedRecords(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        out.push(JSON.stringify(rows));
      }
      db.close();
    }
    return out.join('\n');
  });
}

async function householdDefinition(request: APIRequestContext): Promise<FormDefinition> {
  const api = new Api(request);
  return api.formDefinition((await api.login('enumerator')).token, 'household_survey');
}

async function captureOffline(app: App, definition: FormDefinition, respondent: string) {
  const form = await app.startForm('Enquête ménage', definition);
  const [head, spouse] = fiveMembers('Ndikumana');
  await fillHousehold(form, respondent, [head!, spouse!]);
  await form.finish();
  await expect(app.outboxItems(respondent)).toHaveCount(1);
}

test('records on the tablet are encrypted at rest, the app locks when closed, and a wrong password deletes nothing', async ({
  page,
  context,
  request,
}) => {
  const violations = await watchCsp(page);
  const stamp = Date.now().toString(36);
  const username = `tablet.${stamp}`;
  const password = 'ma phrase de passe';
  await new Api(request).createUser({ username, password, role: 'enumerator', areas: ['CL03010101'] });
  const respondent = `Ndikumana Secret${stamp}`;
  const app = new App(page);
  await app.open();
  await app.login(username, password);
  await expect(page.getByRole('button', { name: '+ Enquête ménage' })).toBeVisible();
  await context.setOffline(true);
  await captureOffline(app, await householdDefinition(request), respondent);

  // The outbox shows the record; the disk holds it only encrypted (its metadata, e.g. the device, stays readable).
  const stored = await storedRecords(page);
  const deviceId = await page.evaluate(() => localStorage.getItem('kusanya.deviceId'));
  expect(stored).toContain(`"deviceId":"${deviceId}"`);
  expect(stored).not.toContain(`Secret${stamp}`);
  expect(stored).not.toContain('Ndikumana');
  expect(stored).not.toContain(String(fiveMembers('Ndikumana')[0]!['national_id']));

  // Closing the app (a new tab or window has no unlocked key) asks for the password again, offline.
  const second = await context.newPage();
  const violations2 = await watchCsp(second);
  await second.goto('/');
  await expect(second.getByTestId('unlock-hint')).toContainText(`${username}, saisissez votre mot de passe`);
  await second.getByLabel('Mot de passe').fill('not my password');
  await second.getByRole('button', { name: 'Se connecter' }).click();
  await expect(second.getByRole('alert')).toHaveText("Nom d'utilisateur ou mot de passe incorrect.");
  await second.getByLabel('Mot de passe').fill(password);
  await second.getByRole('button', { name: 'Se connecter' }).click();
  const app2 = new App(second);
  await app2.openOutbox();
  await expect(app2.outboxItems(respondent)).toHaveCount(1);
  await expect(app2.outboxItems(respondent).first()).toHaveAttribute('data-status', 'submitted');

  // Back online, it reaches the server.
  await context.setOffline(false);
  await expect(app2.outboxItems(respondent).first()).toHaveAttribute('data-status', 'pending_review', {
    timeout: 30_000,
  });
  expect([...violations, ...violations2]).toEqual([]);
});

test('after an administrator resets a forgotten password, the new one opens the records still waiting on the tablet', async ({
  page,
  context,
  request,
}) => {
  const api = new Api(request);
  const stamp = Date.now().toString(36);
  const username = `reset.${stamp}`;
  const { id } = await api.createUser({
    username,
    password: 'premier mot de passe',
    role: 'enumerator',
    areas: ['CL03010101'],
  });
  const respondent = `Hakizimana ${stamp}`;
  const app = new App(page);
  await app.open();
  await app.login(username, 'premier mot de passe');
  await expect(page.getByRole('button', { name: '+ Enquête ménage' })).toBeVisible();
  await context.setOffline(true);
  await captureOffline(app, await householdDefinition(request), respondent);

  // The enumerator forgot the password; the administrator sets a new one (every session ends).
  await api.resetPassword(id, 'deuxième mot de passe');
  await context.setOffline(false);
  await expect(page.getByText('Votre session a pris fin')).toBeVisible({ timeout: 30_000 });
  await app.login(username, 'deuxième mot de passe');
  await app.openOutbox();
  await expect(app.outboxItems(respondent)).toHaveCount(1);
  await expect(app.outboxItems(respondent).first()).toHaveAttribute('data-status', 'pending_review', {
    timeout: 30_000,
  });
});

test('repeated wrong passwords lock the account with a clear message saying until when', async ({ page, request }) => {
  const stamp = Date.now().toString(36);
  const username = `locked.${stamp}`;
  await new Api(request).createUser({
    username,
    password: 'un bon mot de passe',
    role: 'enumerator',
    areas: ['CL03010101'],
  });
  await page.goto('/');
  for (let i = 1; i <= 4; i++) {
    await page.getByLabel("Nom d'utilisateur").fill(username);
    await page.getByLabel('Mot de passe').fill(`wrong ${i}`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert')).toHaveText("Nom d'utilisateur ou mot de passe incorrect.");
  }
  await page.getByLabel('Mot de passe').fill('wrong 5');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText(/Ce compte est bloqué jusqu'à \d{2}:\d{2}/);
  await page.getByLabel('Mot de passe').fill('un bon mot de passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Ce compte est bloqué');
});

/**
 * Issue 15's faults, counted on the server (its own database and blob store, read by the test):
 * - forty photos captured offline (20 records × 2) are sent while 30% of the tablet's requests fail (a fixed third
 *   of them dropped before reaching the server, others after the server answered, as a weak link does): every
 *   photo arrives, matches its hash, and is stored exactly once;
 * - the app is closed while a 5 MB file is uploading and opened again: the upload resumes from the last byte the
 *   server holds, so the bytes sent in all stay under 1.2× the file's size.
 */
import type { Submission } from '@kusanya/schemas';
import { expect, test, type APIRequestContext, type Page, type Route } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { storedMedia } from '../support/media-store.js';
import { App } from '../support/pages.js';
import { ID_PAIR_FORM, MINUTES_FORM } from '../support/photo-form.js';

async function publish(request: APIRequestContext, form: object): Promise<void> {
  const admin = await new Api(request).login('admin');
  const published = await request.post('/api/admin/forms', {
    data: form,
    headers: { authorization: `Bearer ${admin.token}` },
  });
  expect(published.ok()).toBe(true);
}

/** Camera-like JPEGs, each different (a medium is named by its hash), drawn by the browser's own encoder. */
async function cameraPhotos(page: Page, count: number): Promise<Buffer[]> {
  const encoded = await page.evaluate(async (n) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const canvas = new OffscreenCanvas(1024, 768);
      const g = canvas.getContext('2d')!;
      g.fillStyle = `hsl(${(i * 37) % 360} 50% 80%)`;
      g.fillRect(0, 0, 1024, 768);
      for (let k = 0; k < 40; k++) {
        g.fillStyle = `hsl(${(i * 53 + k * 29) % 360} 70% ${30 + (k % 40)}%)`;
        g.fillRect((k * 97 + i * 13) % 1024, (k * 61 + i * 7) % 768, 120, 80);
      }
      g.fillStyle = '#000';
      g.font = '64px sans-serif';
      g.fillText(`ID ${i}`, 40, 100);
      const bytes = new Uint8Array(
        await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer(),
      );
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      out.push(btoa(text));
    }
    return out;
  }, count);
  return encoded.map((b) => Buffer.from(b, 'base64'));
}

async function recordsOf(api: Api, prefix: string): Promise<Submission[]> {
  const { token } = await api.login('enumerator');
  return (await api.allSubmissions(token)).filter((s: Submission) =>
    String(s.data['respondent_name'] ?? '').startsWith(prefix),
  );
}

test('forty photos captured offline arrive once each, intact, while 30% of requests fail', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(300_000);
  const api = new Api(request);
  await publish(request, ID_PAIR_FORM);
  const prefix = `Faults ${Date.now()}`;
  const app = new App(page);
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  const title = ID_PAIR_FORM.title['fr'];
  await expect(page.getByRole('button', { name: `+ ${title}` })).toBeVisible({ timeout: 30_000 });
  const photos = await cameraPhotos(page, 40);

  await context.setOffline(true);
  for (let i = 0; i < 20; i++) {
    await app.goHome();
    const form = await app.startForm(title, ID_PAIR_FORM);
    await form.answer('Colline', 'Mubuga (sample)');
    await form.answer('Nom du répondant', `${prefix} ${i}`);
    for (const side of [0, 1]) {
      await page
        .getByTestId('photo-camera-input')
        .nth(side)
        .setInputFiles({ name: `IMG_${i}_${side}.jpg`, mimeType: 'image/jpeg', buffer: photos[i * 2 + side]! });
      await expect(page.getByTestId('photo-capture').nth(side).getByTestId('media-preview')).toBeVisible();
    }
    await form.finish();
    await expect(page.getByTestId('finish-flash')).toBeVisible();
  }
  await expect(app.syncBar().getByTestId('media-waiting')).toHaveText('Photos et fichiers en attente d’envoi : 40');

  // A weak link: of every ten requests, two never reach the server and one is lost after the server answered.
  let n = 0;
  const failed = { before: 0, after: 0 };
  await page.route('**/api/**', async (route: Route) => {
    const k = n++ % 10;
    if (k === 2 || k === 8) {
      failed.before += 1;
      return route.abort('connectionreset');
    }
    if (k === 5) {
      failed.after += 1;
      await route.fetch().catch(() => undefined);
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await context.setOffline(false);

  // Wait on the tablet having nothing left to send (bounded), asking for a sync now and then as a person would.
  const deadline = Date.now() + 200_000;
  const waiting = app.syncBar().getByTestId('media-waiting');
  const sending = app.syncBar().getByTestId('media-progress');
  const records = app.syncBar().getByTestId('waiting');
  // While photos are being sent the bar shows their progress instead of the number waiting: both must be gone.
  const busy = async () =>
    (await waiting.count()) > 0 || (await sending.count()) > 0 || (await records.getAttribute('class')) !== 'sent';
  while (await busy()) {
    expect(Date.now(), 'the photos did not all arrive in time').toBeLessThan(deadline);
    const now = app.syncBar().getByRole('button');
    if (await now.isEnabled()) await now.click();
    await page.waitForTimeout(5_000);
  }
  await page.unroute('**/api/**');
  expect(failed.before + failed.after).toBeGreaterThan(10);
  console.log(
    `media-faults: ${n} requests, ${failed.before} dropped before the server, ${failed.after} after it answered`,
  );

  const sent = await recordsOf(api, prefix);
  expect(sent).toHaveLength(20);
  const referenced = sent.flatMap((s) =>
    ['id_front', 'id_back'].map((field) => (s.data[field] as { sha256: string; size: number }).sha256),
  );
  expect(new Set(referenced).size).toBe(40);
  const stored = storedMedia(sent.map((s) => s.id));
  expect(stored).toHaveLength(40);
  expect(stored.filter((m) => !m.received || !m.intact)).toEqual([]);
  // Stored exactly once each: one finished upload per photo, whatever was retried.
  expect(stored.filter((m) => m.receipts !== 1).map((m) => [m.field, m.receipts])).toEqual([]);
  expect(stored.map((m) => m.sha256).sort()).toEqual([...referenced].sort());
});

test('a 5 MB upload resumes after the app is closed mid-way: under 1.2× the file sent in all', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(180_000);
  const api = new Api(request);
  await publish(request, MINUTES_FORM);
  const respondent = `Minutes ${Date.now()}`;
  const file = randomBytes(5 * 1024 * 1024);
  const sha256 = createHash('sha256').update(file).digest('hex');

  /** Body bytes of every upload chunk that left the tablet, in both sessions; the offsets each session resumed at. */
  let sentBytes = 0;
  const offsets: number[][] = [];
  const countUploads = async (p: Page) => {
    const session: number[] = [];
    offsets.push(session);
    await p.route('**/api/media/uploads/**', async (route: Route) => {
      const req = route.request();
      if (req.method() !== 'PATCH') return route.continue().catch(() => undefined);
      session.push(Number(req.headers()['upload-offset']));
      // A slow link: each 256 KB chunk takes a quarter of a second to leave.
      await new Promise((r) => setTimeout(r, 250));
      sentBytes += req.postDataBuffer()?.length ?? 0;
      return route.continue().catch(() => undefined);
    });
  };

  const app = new App(page);
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  await countUploads(page);
  const title = MINUTES_FORM.title['fr'];
  await expect(page.getByRole('button', { name: `+ ${title}` })).toBeVisible({ timeout: 30_000 });
  const form = await app.startForm(title, MINUTES_FORM);
  await form.answer('Colline', 'Mubuga (sample)');
  await form.answer('Nom du répondant', respondent);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'pv-conseil.pdf', mimeType: 'application/pdf', buffer: file });
  await expect(page.getByTestId('file-capture').getByTestId('media-preview')).toBeVisible();
  await form.finish();

  // Closed while the file is on its way (about a third sent).
  await expect.poll(() => sentBytes, { timeout: 60_000 }).toBeGreaterThan(1.5 * 1024 * 1024);
  expect(sentBytes).toBeLessThan(file.length);
  await page.close();

  const reopened = new App(await context.newPage());
  await countUploads(reopened.page);
  await reopened.open();
  // The tablet's records are sealed: the enumerator opens them again with the password.
  await reopened.login('enumerator', DEMO_PASSWORD);

  await expect
    .poll(
      async () => {
        const [record] = await recordsOf(api, respondent);
        return record ? storedMedia([record.id]).filter((m) => m.received && m.intact).length : 0;
      },
      { timeout: 90_000, intervals: [1000] },
    )
    .toBe(1);
  const [record] = await recordsOf(api, respondent);
  const [stored] = storedMedia([record!.id]);
  expect(stored).toMatchObject({ sha256, size: file.length, receipts: 1 });
  // The second session went on from where the server was, not from zero, and little was sent twice.
  expect(offsets[1]![0]).toBeGreaterThan(0);
  expect(sentBytes).toBeLessThan(1.2 * file.length);
  console.log(
    `media-faults: ${sentBytes} bytes of chunks sent for a ${file.length}-byte file (${(sentBytes / file.length).toFixed(3)}×), resumed at byte ${offsets[1]![0]}`,
  );
});

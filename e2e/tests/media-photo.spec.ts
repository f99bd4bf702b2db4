/**
 * Issue 15's "done when": an enumerator photographs an ID card, has the consent signed, photographs the dwelling
 * and marks the household's house on it (annotate) and films it (video), all offline; the record and its media
 * reach the server once the connection returns (the media over tus, once each, matching their hashes); the
 * supervisor sees the photos, the signature and the video in the review screen.
 */
import type { RecordMedia, Submission } from '@kusanya/schemas';
import { expect, test, type Browser } from '@playwright/test';
import { createHash } from 'node:crypto';
import { Api, DEMO_PASSWORD } from '../support/api.js';
import { App } from '../support/pages.js';
import { PHOTO_FORM } from '../support/photo-form.js';

async function signedIn(browser: Browser, username: string): Promise<App> {
  const { baseURL, viewport } = test.info().project.use;
  const context = await browser.newContext({ baseURL, viewport, serviceWorkers: 'allow' });
  const app = new App(await context.newPage());
  await app.open();
  await app.login(username, DEMO_PASSWORD);
  return app;
}

test('an ID card photographed offline reaches the supervisor after a sync, with the consent signature', async ({
  page,
  context,
  request,
  browser,
}) => {
  test.setTimeout(180_000);
  const api = new Api(request);
  const admin = await api.login('admin');
  const published = await request.post('/api/admin/forms', {
    data: PHOTO_FORM,
    headers: { authorization: `Bearer ${admin.token}` },
  });
  expect(published.ok()).toBe(true);
  const respondent = `Irakoze ${Date.now()}`;

  const app = new App(page);
  await app.open();
  await app.login('enumerator', DEMO_PASSWORD);
  const title = PHOTO_FORM.title['fr']!;
  await expect(page.getByRole('button', { name: `+ ${title}` })).toBeVisible({ timeout: 30_000 });
  // A real JPEG, as a camera would hand it over (the page itself, photographed).
  const cameraPhoto = await page.screenshot({ type: 'jpeg', quality: 90 });

  await context.setOffline(true);
  await expect(app.syncBar().getByTestId('connection')).toHaveText('Hors ligne');
  const form = await app.startForm(title, PHOTO_FORM);
  await form.answer('Colline', 'Mubuga (sample)');
  await form.answer('Nom du répondant', respondent);

  await page.getByTestId('photo-capture').getByTestId('photo-camera-input').setInputFiles({
    name: 'IMG_0001.jpg',
    mimeType: 'image/jpeg',
    buffer: cameraPhoto,
  });
  await expect(page.getByTestId('photo-capture').getByTestId('media-preview')).toBeVisible();

  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 40);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + 40 + (i % 2) * 60);
  await page.mouse.up();
  await page.getByRole('button', { name: 'Garder cette signature' }).click();
  await expect(page.getByTestId('signature-capture').getByTestId('media-preview')).toBeVisible();

  // The dwelling photographed, then the household's house marked in red on it; a blue stroke drawn by mistake is
  // undone. The photo with the drawing becomes the answer: the photo without it is never sent.
  const dwelling = page.getByTestId('annotate-capture');
  await dwelling.getByTestId('photo-camera-input').setInputFiles({
    name: 'IMG_0002.jpg',
    mimeType: 'image/jpeg',
    buffer: cameraPhoto,
  });
  const sheet = dwelling.getByTestId('annotate-pad');
  await sheet.scrollIntoViewIfNeeded();
  const area = (await sheet.boundingBox())!;
  const stroke = async (fy: number) => {
    await page.mouse.move(area.x + area.width * 0.2, area.y + area.height * fy);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++)
      await page.mouse.move(area.x + area.width * (0.2 + i * 0.05), area.y + area.height * fy);
    await page.mouse.up();
  };
  await stroke(0.3);
  await dwelling.getByRole('radio', { name: 'Bleu' }).click();
  await stroke(0.7);
  await dwelling.getByRole('button', { name: 'Annuler le dernier trait' }).click();
  await dwelling.getByRole('button', { name: 'Garder la photo avec le dessin' }).click();
  const annotated = dwelling.getByTestId('media-preview');
  await expect(annotated).toHaveJSProperty('complete', true);
  const pixel = (at: [number, number]) =>
    annotated.evaluate((img: HTMLImageElement, [fx, fy]) => {
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const [r, gr, b] = g.getImageData(Math.round(fx * c.width), Math.round(fy * c.height), 1, 1).data;
      return { r: r!, g: gr!, b: b!, long: Math.max(c.width, c.height) };
    }, at);
  const red = await pixel([0.5, 0.3]);
  expect(red.r).toBeGreaterThan(180);
  expect(Math.max(red.g, red.b)).toBeLessThan(100);
  expect(red.long).toBeLessThanOrEqual(800); // max-pixels of the question, drawn at the photo's own size
  const undone = await pixel([0.5, 0.7]);
  expect(undone.b > 150 && undone.r < 100).toBe(false);

  // A short video of the dwelling, as the tablet's camera app hands it back (a real WebM, recorded in the page).
  const clip = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const g = canvas.getContext('2d')!;
    const recorder = new MediaRecorder(canvas.captureStream(10), { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    for (let i = 0; i < 10; i++) {
      g.fillStyle = `hsl(${i * 36}, 80%, 50%)`;
      g.fillRect(0, 0, 160, 120);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    recorder.stop();
    await stopped;
    return Array.from(new Uint8Array(await new Blob(chunks).arrayBuffer()));
  });
  const video = page.getByTestId('video-capture');
  await video.getByTestId('video-camera-input').setInputFiles({
    name: 'VID_0001.webm',
    mimeType: 'video/webm',
    buffer: Buffer.from(clip),
  });
  // Played back on the tablet: the browser read the video's metadata from the kept (encrypted, then opened) bytes.
  await expect
    .poll(() => video.getByTestId('media-preview').evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 10_000 })
    .toBeGreaterThanOrEqual(1);
  await expect(video.getByRole('button', { name: 'Filmer à nouveau' })).toBeVisible();

  await form.finish();
  await expect(app.syncBar().getByTestId('media-waiting')).toHaveText('Photos et fichiers en attente d’envoi : 4');

  // Back online: the record syncs, then its two files; nothing waits on the tablet any more.
  await context.setOffline(false);
  await expect(app.syncBar().getByTestId('media-waiting')).toHaveCount(0, { timeout: 60_000 });

  const { token } = await api.login('enumerator');
  const [record] = (await api.allSubmissions(token)).filter(
    (s: Submission) => s.data['respondent_name'] === respondent,
  );
  expect(record).toBeDefined();
  const photo = record!.data['id_front'] as { name: string; type: string; size: number; sha256: string };
  expect(photo).toMatchObject({ type: 'image/jpeg' });
  // Resized on the tablet: a 1,600-pixel JPEG at most, never the camera's bytes as they were.
  expect(photo.sha256).not.toBe(createHash('sha256').update(cameraPhoto).digest('hex'));

  const supervisor = await api.login('supervisor');
  const state = await request.get(`/api/media/records/${record!.id}`, {
    headers: { authorization: `Bearer ${supervisor.token}` },
  });
  const media = (await state.json()) as RecordMedia;
  expect(media.missing).toBe(0);
  expect(media.files.map((f) => [f.field, f.servedAs]).sort()).toEqual([
    ['consent', 'image/png'],
    ['dwelling', 'image/jpeg'],
    ['id_front', 'image/jpeg'],
    ['walkthrough', 'video/webm'],
  ]);
  const file = await request.get(`/api/media/records/${record!.id}/files/${encodeURIComponent(photo.name)}`, {
    headers: { authorization: `Bearer ${supervisor.token}` },
  });
  expect(file.headers()['content-type']).toBe('image/jpeg');
  expect(
    createHash('sha256')
      .update(await file.body())
      .digest('hex'),
  ).toBe(photo.sha256);

  const review = await signedIn(browser, 'supervisor');
  await review.page.goto(`/review/${record!.id}`);
  const panel = review.page.getByTestId('record-media');
  await expect(panel.getByTestId('media-image')).toHaveCount(3);
  await expect(panel.getByTestId('media-video')).toHaveCount(1);
  await expect(panel.getByTestId('media-image').first()).toHaveJSProperty('complete', true);
  expect(
    await panel
      .getByTestId('media-image')
      .first()
      .evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBeGreaterThan(0);
  await review.page.context().close();
});

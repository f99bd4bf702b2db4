/**
 * Runs in headless Chromium for the benchmarks: the app's own database, capture and sync code (bundled from
 * client/src), without its screens. The harness calls `window.kusanyaBench`.
 */
import type { User } from '@kusanya/schemas';
import { databasePassword, newDatabaseKey } from '../../client/src/auth/keyring.js';
import { finalizeDraft } from '../../client/src/capture/drafts.js';
import { openUserDatabase, type KusanyaDatabase } from '../../client/src/db/database.js';
import { RecordCipher } from '../../client/src/crypto/record-cipher.js';
import { HouseholdStore } from '../../client/src/households/household-store.js';
import { SyncEngine } from '../../client/src/sync/sync-engine.js';
import { seededRandom, syntheticHouseholdSubmission } from '@kusanya/tools/factories/households';
import type { BenchWindow } from './api.js';
import { DeviceMediaStore } from '../../client/src/media/device-media.js';
import { resizePhoto } from '../../client/src/media/resize.js';
import { MediaUploader } from '../../client/src/media/uploader.js';

let uploader: MediaUploader | null = null;
let mediaStore: DeviceMediaStore | null = null;

/** A camera's 12-megapixel photo (4000×3000 JPEG), drawn with detail so it compresses like a real one. */
async function cameraPhoto(seed: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(4000, 3000);
  const g = canvas.getContext('2d')!;
  const random = seededRandom(seed);
  for (let i = 0; i < 3000; i++) {
    g.fillStyle = `hsl(${Math.floor(random() * 360)} 40% ${Math.floor(30 + random() * 50)}%)`;
    g.fillRect(random() * 4000, random() * 3000, 20 + random() * 400, 20 + random() * 300);
  }
  g.font = '120px sans-serif';
  g.fillStyle = '#111';
  for (let line = 0; line < 12; line++)
    g.fillText(`REPUBLIKA Y'UBURUNDI ${seed}-${line} 0123456789`, 100, 250 * (line + 1));
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
}

let db: KusanyaDatabase | null = null;
let households: HouseholdStore | null = null;
let engine: SyncEngine | null = null;

const until = (check: () => Promise<boolean>, timeoutMs: number) =>
  new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const tick = async () => {
      if (await check()) return resolve();
      if (Date.now() > deadline) return reject(new Error('timed out'));
      setTimeout(() => void tick(), 50);
    };
    void tick();
  });

const api: BenchWindow['kusanyaBench'] = {
  /** The user's database as the app opens it: personal fields encrypted (a fresh key). */
  async open(userId: string) {
    const key = databasePassword(newDatabaseKey());
    db = await openUserDatabase(userId, { key });
    const cipher = await RecordCipher.fromHex(key);
    households = new HouseholdStore(db, cipher);
    mediaStore = new DeviceMediaStore(db, cipher);
  },
  /** Finalises `count` household surveys through the app's capture code (they wait in the outbox). */
  async capture(user: User, count: number, seed: number) {
    const random = seededRandom(seed);
    const start = Date.UTC(2026, 10, 2);
    for (let i = 0; i < count; i++) {
      const doc = syntheticHouseholdSubmission(
        random,
        user.id,
        user.areas[i % user.areas.length]!,
        start + i * 600_000,
      );
      await finalizeDraft(db!, doc);
    }
    return db!.submissions.count({ selector: { status: 'submitted' } }).exec();
  },
  /** Starts the app's sync engine and resolves, with the elapsed time, when the condition holds. */
  async sync(userId: string, token: string, wait: { households?: number; allSent?: number }, timeoutMs: number) {
    const started = performance.now();
    engine = new SyncEngine(db!, {
      userId,
      token,
      households: households!,
      onUnauthorized: () => undefined,
      pollMs: 3_600_000,
    });
    engine.start();
    await until(async () => {
      if (wait.households !== undefined && (await households!.list()).size < wait.households) return false;
      // Sent = no longer waiting on the tablet (the server then says pending review, or needs correction).
      if (wait.allSent !== undefined && (await db!.submissions.count({ selector: { status: 'submitted' } }).exec()) > 0)
        return false;
      return true;
    }, timeoutMs);
    // Then one more round both ways, as the next poll or a "Sync now" would (it brings back, as pull
    // changes, the records whose state the server just changed).
    await engine.syncNow();
    const ms = performance.now() - started;
    return { ms, progress: engine.status$.value.progress };
  },
  async photoCapture(runs: number) {
    const ms: number[] = [];
    const bytes: number[] = [];
    const camera = await cameraPhoto(1);
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const photo = await resizePhoto(camera, 1600);
      await mediaStore!.keep({ submissionId: crypto.randomUUID(), field: 'id_front', blob: photo });
      ms.push(performance.now() - t0);
      bytes.push(photo.size);
    }
    return { ms, bytes };
  },
  async captureWithPhotos(user: User, count: number) {
    const random = seededRandom(7);
    const start = Date.UTC(2026, 10, 3);
    const sizes: number[] = [];
    const photos = [await resizePhoto(await cameraPhoto(2), 1600), await resizePhoto(await cameraPhoto(3), 1600)];
    for (let i = 0; i < count; i++) {
      const doc = syntheticHouseholdSubmission(
        random,
        user.id,
        user.areas[i % user.areas.length]!,
        start + i * 600_000,
      );
      const data: Record<string, unknown> = { ...doc.data };
      for (const [j, field] of ['id_front', 'id_back'].entries()) {
        // Each photo distinct (a record's photos differ): a few bytes of the JPEG's comment change.
        const blob = new Blob([photos[j]!, `${doc.id}-${field}`], { type: 'image/jpeg' });
        data[field] = await mediaStore!.keep({ submissionId: doc.id, field, blob });
        sizes.push(blob.size);
      }
      await finalizeDraft(db!, { ...doc, data });
    }
    return sizes;
  },
  async syncMedia(userId: string, token: string, timeoutMs: number) {
    const started = performance.now();
    engine = new SyncEngine(db!, {
      userId,
      token,
      households: households!,
      onUnauthorized: () => undefined,
      pollMs: 3_600_000,
    });
    uploader = new MediaUploader(mediaStore!, { userId, token, pollMs: 2_000 });
    engine.start();
    uploader.start();
    await until(async () => (await db!.media.count({ selector: { state: 'local' } }).exec()) === 0, timeoutMs);
    return { ms: performance.now() - started };
  },
  async mediaProgress() {
    const s = uploader!.status$.value;
    return { done: s.done, inRun: s.inRun, waiting: s.waiting };
  },
  async close() {
    await uploader?.stop();
    await engine?.stop();
    households?.close();
    await db?.remove();
  },
};

(window as unknown as BenchWindow).kusanyaBench = api;
document.title = 'ready';

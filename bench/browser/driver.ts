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
    households = new HouseholdStore(db, await RecordCipher.fromHex(key));
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
  async close() {
    await engine?.stop();
    households?.close();
    await db?.remove();
  },
};

(window as unknown as BenchWindow).kusanyaBench = api;
document.title = 'ready';

/**
 * The sync engine through its public API (start, syncNow, stop, status$), against a small in-memory server that
 * speaks the sync protocol (DESIGN.md §3): what an enumerator's tablet does with its outbox, the server's
 * answers and the forms and households it pulls, when the network is there, when it is not, and when the token
 * is refused. Runs in happy-dom (the engine listens to window and document) with RxDB's memory storage.
 */
import type { FormDoc, HouseholdDoc, Submission } from '@kusanya/schemas';
import { APP_VERSION_HEADER, QUEUE_HEADER } from '@kusanya/shared/sync/protocol';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { gunzipSync } from 'node:zlib';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { v7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formDocFixture } from '@kusanya/tools/factories/form';
import { databasePassword, newDatabaseKey } from '../auth/keyring.js';
import { RecordCipher } from '../crypto/record-cipher.js';
import { openUserDatabase, type KusanyaDatabase } from '../db/database.js';
import { HouseholdStore } from '../households/household-store.js';
import { SyncEngine, type SyncStatus } from './sync-engine.js';

type Row = { assumedMasterState: Submission | null; newDocumentState: Submission };

/** The server's side: its records with their sequence numbers, what it publishes, and what it was sent. */
class FakeServer {
  up = true;
  refuseToken = false;
  readonly submissions = new Map<string, { seq: number; doc: Submission }>();
  readonly forms: FormDoc[] = [];
  readonly households: HouseholdDoc[] = [];
  readonly pushed: Row[] = [];
  readonly headers: Headers[] = [];
  private seq = 0;

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    if (!this.up) throw new TypeError('Failed to fetch');
    const url = new URL(String(input), 'http://tablet.test');
    const headers = new Headers(init.headers);
    this.headers.push(headers);
    if (this.refuseToken) return json(401, { error: { code: 'session-expired', message: 'Log in again.' } });
    const [, , , collection, action] = url.pathname.split('/');
    if (action === 'push') return json(200, this.push(await body(init, headers)));
    const after = Number(url.searchParams.get('seq'));
    const page = this.changes(collection!).filter((c) => c.seq > after);
    return json(200, {
      documents: page.map((c) => c.doc),
      checkpoint: { seq: page.at(-1)?.seq ?? after },
    });
  };

  /** Stores each row whose assumed state is the master's (as the server's review queue would: pending review). */
  private push(rows: Row[]): Submission[] {
    this.pushed.push(...rows);
    const conflicts: Submission[] = [];
    for (const { assumedMasterState, newDocumentState } of rows) {
      const master = this.submissions.get(newDocumentState.id)?.doc;
      if (master && master.rev !== assumedMasterState?.rev) conflicts.push(master);
      else this.save({ ...newDocumentState, status: 'pending_review', rev: newDocumentState.rev + 1 });
    }
    return conflicts;
  }

  /** A server-side change (a supervisor's decision), pulled by the device at its next sync. */
  save(doc: Submission): void {
    this.submissions.set(doc.id, { seq: ++this.seq, doc });
  }

  private changes(collection: string): { seq: number; doc: unknown }[] {
    if (collection === 'submissions') return [...this.submissions.values()].sort((a, b) => a.seq - b.seq);
    const docs: unknown[] = collection === 'forms' ? this.forms : this.households;
    return docs.map((doc, i) => ({ seq: i + 1, doc }));
  }
}

const json = (status: number, value: unknown) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

async function body(init: RequestInit, headers: Headers): Promise<Row[]> {
  const raw = init.body as string | Uint8Array;
  const text =
    headers.get('content-encoding') === 'gzip' ? gunzipSync(raw as Uint8Array).toString('utf8') : String(raw);
  return JSON.parse(text) as Row[];
}

const form = formDocFixture();
const household: HouseholdDoc = {
  id: v7(),
  code: '2026-P03-000001',
  area: 'CL03010101',
  version: 1,
  values: { rooms: 3 },
  members: [],
  updatedAt: '2026-11-20T10:00:00.000Z',
  _deleted: false,
};

let server: FakeServer;
let userId: string;
let db: KusanyaDatabase;
let households: HouseholdStore;
let engine: SyncEngine | null;
beforeEach(async () => {
  server = new FakeServer();
  server.forms.push(form);
  server.households.push(household);
  vi.stubGlobal('fetch', server.fetch);
  userId = v7();
  const key = databasePassword(newDatabaseKey());
  db = await openUserDatabase(userId, { storage: getRxStorageMemory(), key });
  households = new HouseholdStore(db, await RecordCipher.fromHex(key));
  engine = null;
});
afterEach(async () => {
  await engine?.stop();
  households.close();
  await db.remove();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function startEngine(options: { token?: string | null; onUnauthorized?: () => void } = {}): SyncEngine {
  engine = new SyncEngine(db, {
    userId,
    token: options.token === undefined ? 'token' : options.token,
    areas: ['CL03010101'],
    households,
    onUnauthorized: options.onUnauthorized ?? (() => undefined),
    pollMs: 3_600_000,
  });
  engine.start();
  return engine;
}

/** A record finalised on the device, waiting in the outbox. */
async function finalised(respondent: string): Promise<Submission> {
  const doc = submissionFixture({ data: { respondent_name: respondent }, meta: { enumeratorId: userId } });
  const { _deleted, ...local } = doc;
  await db.submissions.insert(local);
  return doc;
}

const localStatus = async (id: string) => (await db.submissions.findOne(id).exec())?.status;
/**
 * Syncs until the device holds the server's state of a record, as a person taps "Sync now" (a pull that ran
 * while the push was under way brings the new state at the next round).
 */
const syncedTo = (sync: SyncEngine, id: string, status: Submission['status']) =>
  vi.waitFor(
    async () => {
      await sync.syncNow();
      expect(await localStatus(id)).toBe(status);
    },
    { timeout: 10_000, interval: 100 },
  );
const until = (sync: SyncEngine, done: (s: SyncStatus) => boolean) =>
  vi.waitFor(() => expect(done(sync.status$.value)).toBe(true), { timeout: 10_000 });

describe('the sync engine', () => {
  it('sends the outbox, brings back the server state of each record, and pulls the forms and households', async () => {
    const doc = await finalised('Niyonzima Alice');
    const sync = startEngine();
    await syncedTo(sync, doc.id, 'pending_review');

    expect(server.pushed.map((r) => r.newDocumentState.data['respondent_name'])).toEqual(['Niyonzima Alice']);
    expect(server.pushed[0]!.assumedMasterState).toBeNull();
    expect((await db.forms.findOne(form.id).exec())?.definition.title).toEqual({ fr: 'Enquête ménage' });
    expect((await households.get(household.id))?.code).toBe('2026-P03-000001');
    await until(sync, (s) => s.lastSyncAt !== null && !s.active);
    expect(sync.status$.value).toMatchObject({ online: true, error: null, needsLogin: false, progress: { sent: 1 } });
    // The server's devices view learns the app's version and how many records wait on the tablet.
    expect(server.headers.every((h) => h.get(APP_VERSION_HEADER) === 'test')).toBe(true);
    expect(server.headers.some((h) => h.get(QUEUE_HEADER) === '1')).toBe(true);
  });

  it('without a network sends nothing and says it waits, then sends at once when the network comes back', async () => {
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const doc = await finalised('Hakizimana Eric');
    const sync = startEngine();
    await sync.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.headers).toHaveLength(0);
    expect(sync.status$.value).toMatchObject({ online: false, active: false });
    expect(sync.status$.value.progress.running).toBe(false);
    expect(await localStatus(doc.id)).toBe('submitted');

    // The connection returns: the engine sends at once, without waiting for a backoff.
    online.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(server.submissions.size).toBe(1), { timeout: 3_000 });
    await syncedTo(sync, doc.id, 'pending_review');
    await until(sync, (s) => s.error === null && s.online);
  });

  it('stops sending when the network goes, and says the server is unreachable when only the server is gone', async () => {
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
    server.up = false;
    const doc = await finalised('Ndikumana Paul');
    const sync = startEngine();
    await until(sync, (s) => s.error === 'server unreachable');
    expect(sync.status$.value.online).toBe(false);

    online.mockReturnValue(false);
    window.dispatchEvent(new Event('offline'));
    await until(sync, (s) => !s.active);
    const attempts = server.headers.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(server.headers.length).toBe(attempts);
    expect(await localStatus(doc.id)).toBe('submitted');
  });

  it('brings back a record the supervisor returned, with the comment', async () => {
    const doc = await finalised('Ndayishimiye Jean');
    const sync = startEngine();
    await syncedTo(sync, doc.id, 'pending_review');

    const master = server.submissions.get(doc.id)!.doc;
    server.save({
      ...master,
      status: 'returned',
      rev: master.rev + 1,
      review: { by: 'supervisor', at: '2026-11-25T09:00:00.000Z', decision: 'return', comment: 'Vérifiez les âges.' },
    });
    await syncedTo(sync, doc.id, 'returned');
    expect((await db.submissions.findOne(doc.id).exec())?.review?.comment).toBe('Vérifiez les âges.');
  });

  it('stops and asks for a new login when the server refuses the token, keeping the outbox', async () => {
    server.refuseToken = true;
    const doc = await finalised('Irakoze Aline');
    const onUnauthorized = vi.fn();
    const sync = startEngine({ onUnauthorized });
    await until(sync, (s) => s.needsLogin);
    expect(onUnauthorized).toHaveBeenCalled();
    expect(await localStatus(doc.id)).toBe('submitted');
  });

  it('does not sync at all without a token (a user who logged in offline)', async () => {
    await finalised('Uwimana Rose');
    const sync = startEngine({ token: null });
    await sync.syncNow();
    expect(sync.status$.value.needsLogin).toBe(true);
    expect(server.headers).toHaveLength(0);
  });
});

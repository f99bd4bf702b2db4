import type { Checkpoint, FormDoc, HouseholdDoc, Submission, SubmissionsPullResponse } from '@kusanya/schemas';
import {
  APP_VERSION_HEADER,
  QUEUE_HEADER,
  REMAINING_HEADER,
  SYNC_FORMAT_VERSION,
  type SyncCollection,
} from '@kusanya/shared/sync/protocol';
import type { RxCollection, RxReplicationWriteToMasterRow } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { BehaviorSubject, combineLatest, filter, pairwise, type Observable, type Subscription } from 'rxjs';
import { ApiError, apiFetch, NetworkError, type EncodedBody } from '../api/http.js';
import { APP_VERSION } from '../app/version.js';
import type { KusanyaDatabase } from '../db/database.js';
import { PAGE_SIZE as HOUSEHOLD_PAGE_SIZE } from '../households/household-pages.js';
import type { HouseholdStore } from '../households/household-store.js';
import { Backoff } from './backoff.js';
import { encodedSize, encodeJson } from './encode.js';
import { PagedPull } from './paged-pull.js';
import { PULL_BATCH, type FetchedPage } from './pages.js';
import { SyncProgress, type ProgressSnapshot } from './progress.js';
import { WireMeter } from './transfer-sizes.js';

export interface SyncStatus {
  /** The browser has a network and the server answered the last request (or none failed yet). */
  online: boolean;
  /** A replication request is under way. */
  active: boolean;
  lastSyncAt: number | null;
  /** Plain-language description of the last failure, cleared by the next success. */
  error: string | null;
  /** The server refused the token: nothing syncs until the user logs in again. */
  needsLogin: boolean;
  /** The current (or last) sync run: records and bytes both ways. */
  progress: ProgressSnapshot;
}

const UNREACHABLE = 'server unreachable';
type Replication = RxReplicationState<unknown, Checkpoint>;

/** What the engine drives: RxDB's channels (submissions, forms) and the households' own pull. */
interface Channel {
  readonly active$: Observable<boolean>;
  readonly error$: Observable<unknown>;
  retryTime?: number;
  reSync(): void;
  awaitInSync(): Promise<unknown>;
  cancel(): Promise<unknown>;
}

/** How long the rest waits for the forms (the capture buttons) before starting anyway. */
const FORMS_FIRST_MS = 3000;
/** Push batch: small enough that a batch lost on a bad link is cheap to resend. */
const PUSH_BATCH = 100;

export interface SyncEngineOptions {
  userId: string;
  /** Where pulled households go (with the households list). */
  households: HouseholdStore;
  token: string | null;
  /**
   * The user's assigned areas. The households pulled depend on them, so a change of areas (seen at the next
   * login) starts their pull over from the first checkpoint.
   */
  areas?: readonly string[];
  onUnauthorized: () => void;
  /** The first page of forms, asked for while the database opened (`prefetchForms`). */
  firstForms?: Promise<FetchedPage<FormDoc>>;
  storage?: Storage;
  /** How often to look for changes on the server while online. */
  pollMs?: number;
}

/** RxDB keeps bookkeeping fields on documents; the wire format has none of them. */
function toWire<T extends object>(doc: T): T {
  const { _meta, _rev, _attachments, ...rest } = doc as T & { _meta?: unknown; _rev?: unknown; _attachments?: unknown };
  return rest as T;
}

/**
 * Replicates the user's collections with the server whenever the app is open and online (DESIGN.md §3, §6):
 * submissions both ways, forms and households down. Starts with the app, restarts when the connection returns,
 * retries with exponential backoff and jitter, resumes from the last checkpoint (kept by RxDB in IndexedDB),
 * and publishes a status — with the progress of the current run — that any screen can show.
 */
export class SyncEngine {
  readonly status$: BehaviorSubject<SyncStatus>;
  private readonly channels: Channel[] = [];
  private readonly subscriptions: Subscription[] = [];
  private readonly backoff = new Backoff();
  private readonly progress = new SyncProgress();
  private readonly storage: Storage;
  private readonly lastSyncKey: string;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastRequestOk = false;
  private readonly wire = new WireMeter();
  /** Records waiting on the device (the outbox), as last counted. */
  private waiting = 0;
  /** The submissions' replication (paused while there is no network). */
  private submissions: Replication | null = null;
  private readonly onOnline = () => {
    this.setStatus({ online: true });
    void this.submissions?.start();
    this.retryNow();
  };
  /** Without a network nothing is attempted (no request, no "syncing"): the app waits for a connection. */
  private readonly onOffline = () => {
    this.setStatus({ online: false, active: false, progress: this.progress.activity(false) });
    void this.submissions?.pause();
  };
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') this.reSync();
  };

  constructor(
    private readonly db: KusanyaDatabase,
    private readonly options: SyncEngineOptions,
  ) {
    this.storage = options.storage ?? localStorage;
    this.lastSyncKey = `kusanya.lastSync.${options.userId}`;
    const last = Number(this.storage.getItem(this.lastSyncKey));
    this.status$ = new BehaviorSubject<SyncStatus>({
      online: navigator.onLine,
      active: false,
      lastSyncAt: Number.isFinite(last) && last > 0 ? last : null,
      error: null,
      needsLogin: options.token === null,
      progress: this.progress.snapshot(),
    });
  }

  start(): void {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisible);
    if (!this.options.token) return;
    // The capture buttons need the forms: they come first (already asked for, on a first login), then the rest.
    let firstForms = this.options.firstForms;
    const forms = this.pull<FormDoc>('forms', {
      store: (docs) => this.storeForms(docs),
      firstPage: () => {
        const page = firstForms;
        firstForms = undefined;
        return page;
      },
    });
    const formsFirst = Promise.race([forms.awaitInitialPull(), new Promise((r) => setTimeout(r, FORMS_FIRST_MS))]);
    const households = this.pull<HouseholdDoc>('households', {
      store: (docs) => this.options.households.put(docs),
      // A colline's households together: each step then fills whole stored pages.
      order: (docs) => [...docs].sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : 0)),
      scope: this.options.areas ? [...this.options.areas].sort().join('+') : '',
      chunkSize: HOUSEHOLD_PAGE_SIZE,
      notBefore: formsFirst,
    });
    const submissions = this.replicateSubmissions(formsFirst);
    this.submissions = submissions;
    this.channels.push(submissions, forms, households);
    forms.reSync();
    households.reSync();
    this.subscriptions.push(
      combineLatest(this.channels.map((r) => r.active$)).subscribe((active) => {
        const any = active.some(Boolean) && navigator.onLine;
        this.setStatus({ active: any, progress: this.progress.activity(any) });
      }),
      // RxDB stores what a replication pulled before it goes idle: then its documents count as received.
      this.settledWhenIdle('submissions', submissions),
      this.db.submissions.count({ selector: { status: 'submitted' } }).$.subscribe((waiting) => {
        this.waiting = waiting;
        this.setStatus({ progress: this.progress.waitingOnDevice(waiting) });
      }),
      ...this.channels.map((r) => r.error$.subscribe((error) => this.failed(error))),
    );
    this.timer = setInterval(() => this.reSync(), this.options.pollMs ?? 60_000);
  }

  /** Looks for changes in both directions now. */
  reSync(): void {
    if (!navigator.onLine) return;
    for (const replication of this.channels) replication.reSync();
  }

  /** Syncs now and resolves when everything local was sent and everything remote received. */
  async syncNow(): Promise<void> {
    if (this.channels.length === 0 || !navigator.onLine) return;
    this.retryNow();
    await Promise.all(this.channels.map((r) => r.awaitInSync()));
  }

  async stop(): Promise<void> {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisible);
    clearInterval(this.timer);
    for (const s of this.subscriptions) s.unsubscribe();
    await Promise.all(this.channels.map((r) => r.cancel()));
    this.status$.complete();
  }

  /** Forgets the backoff (the connection came back, or the user asked) and tries again at once. */
  private retryNow(): void {
    this.backoff.reset();
    for (const replication of this.channels) replication.retryTime = 1000;
    this.reSync();
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    if (this.status$.closed) return;
    const previous = this.status$.value;
    const next = { ...previous, ...patch };
    // Requests went idle after succeeding and nothing is left to send, receive or store: a complete sync (whichever
    // of the two — the requests, the storing — finished last).
    const wasBusy = previous.active || previous.progress.running;
    if (wasBusy && !next.active && this.lastRequestOk && !next.progress.running) {
      next.lastSyncAt = Date.now();
      this.storage.setItem(this.lastSyncKey, String(next.lastSyncAt));
    }
    this.status$.next(next);
  }

  private failed(error: unknown): void {
    this.lastRequestOk = false;
    const wait = this.backoff.next();
    for (const replication of this.channels) replication.retryTime = wait;
    const message = describeSyncError(error);
    this.setStatus({ error: message, ...(message === UNREACHABLE ? { online: false } : {}) });
  }

  private succeeded(): void {
    this.lastRequestOk = true;
    this.backoff.reset();
    for (const replication of this.channels) replication.retryTime = 1000;
    // A request that was in flight when the network went away may still succeed: the browser says whether it is back.
    this.setStatus({ error: null, online: navigator.onLine });
  }

  /** Tells the server (for its devices view) this app's version and how many records wait on the device. */
  private deviceHeaders(): Record<string, string> {
    return { [APP_VERSION_HEADER]: APP_VERSION, [QUEUE_HEADER]: String(this.waiting) };
  }

  private async request<T>(
    path: string,
    init: { method?: 'POST'; encodedBody?: EncodedBody; signal?: AbortSignal } = {},
  ) {
    const since = performance.now();
    // Offline, a pull waiting to retry does not even try: nothing is sent until the network is back.
    if (!navigator.onLine) throw new NetworkError('offline');
    try {
      const response = await apiFetch<T>(path, {
        ...init,
        token: this.options.token,
        headers: this.deviceHeaders(),
      });
      // The bytes on the wire, once the browser has recorded them: the page is not held up for them.
      return { ...response, bytes: this.wire.responseBytes(path, since) };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.setStatus({ needsLogin: true });
        void Promise.all(this.channels.map((r) => r.cancel()));
        this.options.onUnauthorized();
      }
      throw error;
    }
  }

  /** An answer's bytes on the wire, counted in the run under way when it arrived. */
  private countBytes(bytes: Promise<number>): void {
    const run = this.progress.currentRun();
    if (run !== null) void bytes.then((b) => this.setStatus({ progress: this.progress.bytesReceived(run, b) }));
  }

  private settledWhenIdle(collection: SyncCollection, replication: Replication): Subscription {
    return replication.active$
      .pipe(
        pairwise(),
        filter(([was, is]) => was && !is),
      )
      .subscribe(() => this.setStatus({ progress: this.progress.settled(collection) }));
  }

  private pullHandler<T>(collection: SyncCollection) {
    return async (checkpoint: Checkpoint | undefined, batchSize: number) => {
      const seq = checkpoint?.seq ?? 0;
      const { body, headers, bytes } = await this.request<{ documents: T[]; checkpoint: Checkpoint }>(
        `/api/sync/${collection}/pull?seq=${seq}&limit=${batchSize}`,
      );
      const remaining = Number(headers.get(REMAINING_HEADER) ?? 0);
      this.setStatus({
        progress: this.progress.fetched(collection, body.documents.length, Number.isFinite(remaining) ? remaining : 0),
      });
      this.countBytes(bytes);
      this.succeeded();
      // The server also cuts a page by size (PULL_MAX_BYTES): RxDB takes a short page as the end, so when changes
      // remain it is asked to go on at once rather than at the next periodic sync.
      if (remaining > 0 && body.documents.length > 0 && body.documents.length < batchSize) {
        setTimeout(() => this.reSync(), 0);
      }
      return { documents: body.documents as never[], checkpoint: body.checkpoint };
    };
  }

  /** A pull the app does itself (collections the device only reads): pages stored in steps, checkpoint kept locally. */
  private pull<T>(
    collection: 'forms' | 'households',
    options: {
      store(docs: T[]): Promise<void>;
      scope?: string;
      chunkSize?: number;
      order?(docs: T[]): T[];
      notBefore?: Promise<unknown>;
      /** The first page, if already asked for (used when the pull starts from the beginning). */
      firstPage?: () => Promise<FetchedPage<T>> | undefined;
    },
  ): PagedPull<T> {
    const { firstPage, ...rest } = options;
    const fetchPage = async (seq: number, limit: number, signal: AbortSignal): Promise<FetchedPage<T>> => {
      const prefetched = seq === 0 ? firstPage?.() : undefined;
      const page = await prefetched?.catch(() => undefined);
      if (page) return page;
      const { body, headers, bytes } = await this.request<{ documents: T[]; checkpoint: Checkpoint }>(
        `/api/sync/${collection}/pull?seq=${seq}&limit=${limit}`,
        { signal },
      );
      return { ...body, headers, bytes };
    };
    return new PagedPull<T>({
      db: this.db,
      name: collection,
      scope: options.scope ?? '',
      pageSize: PULL_BATCH[collection],
      ...rest,
      fetchPage: async (seq, limit, signal) => {
        const { headers, ...page } = await fetchPage(seq, limit, signal);
        const remaining = Number(headers.get(REMAINING_HEADER) ?? Number.NaN);
        this.succeeded();
        return { ...page, remaining: Number.isFinite(remaining) ? remaining : null };
      },
      onFetched: (page) => {
        this.setStatus({ progress: this.progress.fetched(collection, page.documents.length, page.remaining ?? 0) });
        this.countBytes(page.bytes);
      },
      onStored: (documents) => this.setStatus({ progress: this.progress.stored(collection, documents) }),
    });
  }

  /** Published form versions (a retired version stays: records captured with it remain valid). */
  private async storeForms(docs: FormDoc[]): Promise<void> {
    const live = docs.filter((d) => !d._deleted).map(({ _deleted, ...doc }) => doc);
    const gone = docs.filter((d) => d._deleted).map((d) => d.id);
    if (live.length > 0) await this.db.forms.bulkUpsert(live);
    if (gone.length > 0) await this.db.forms.bulkRemove(gone);
  }

  private replicationIdentifier(collection: SyncCollection): string {
    return `kusanya-${collection}-v${SYNC_FORMAT_VERSION}-${location.origin}`;
  }

  private replicateSubmissions(notBefore: Promise<unknown>): Replication {
    const replication = replicateRxCollection<Submission, Checkpoint>({
      collection: this.db.submissions as unknown as RxCollection<Submission>,
      replicationIdentifier: this.replicationIdentifier('submissions'),
      live: true,
      retryTime: 1000,
      waitForLeadership: false,
      autoStart: false,
      toggleOnDocumentVisible: false,
      pull: {
        handler: this.pullHandler<SubmissionsPullResponse['documents'][number]>('submissions'),
        batchSize: PULL_BATCH.submissions,
      },
      push: {
        batchSize: PUSH_BATCH,
        handler: async (rows: RxReplicationWriteToMasterRow<Submission>[]) => {
          const body = await encodeJson(
            rows.map((r) => ({
              assumedMasterState: r.assumedMasterState ? toWire(r.assumedMasterState) : null,
              newDocumentState: toWire(r.newDocumentState),
            })),
          );
          const { body: answer, bytes } = await this.request<Submission[]>('/api/sync/submissions/push', {
            method: 'POST',
            encodedBody: body,
          });
          this.setStatus({ progress: this.progress.pushed(rows.length, encodedSize(body)) });
          this.countBytes(bytes);
          this.succeeded();
          return answer;
        },
      },
    }) as unknown as Replication;
    void notBefore.then(() => (navigator.onLine ? replication.start() : undefined));
    return replication;
  }
}

/**
 * A short description of a replication failure. RxDB wraps what the handlers threw (sometimes as plain
 * objects) in `parameters.errors`; a network failure is described as such.
 */
export function describeSyncError(error: unknown): string {
  const cause = (error as { parameters?: { errors?: unknown[] } } | null)?.parameters?.errors?.[0] ?? error;
  const { name, message } = (typeof cause === 'object' && cause !== null ? cause : {}) as {
    name?: unknown;
    message?: unknown;
  };
  if (name === 'NetworkError' || cause instanceof NetworkError) return UNREACHABLE;
  if (typeof message === 'string' && message) return message;
  return typeof cause === 'string' ? cause : 'unknown error';
}

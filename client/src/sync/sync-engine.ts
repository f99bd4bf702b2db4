import type { Checkpoint, FormDoc, HouseholdDoc, Submission, SubmissionsPullResponse } from '@kusanya/schemas';
import {
  APP_VERSION_HEADER,
  PULL_MAX_LIMIT,
  QUEUE_HEADER,
  REMAINING_HEADER,
  SYNC_FORMAT_VERSION,
  type SyncCollection,
} from '@kusanya/shared/sync/protocol';
import type { RxCollection, RxReplicationWriteToMasterRow } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { BehaviorSubject, combineLatest, type Subscription } from 'rxjs';
import { ApiError, apiFetch, NetworkError, type EncodedBody } from '../api/http.js';
import { APP_VERSION } from '../app/version.js';
import type { KusanyaDatabase } from '../db/database.js';
import { Backoff } from './backoff.js';
import { encodedSize, encodeJson } from './encode.js';
import { SyncProgress, type ProgressSnapshot } from './progress.js';
import { observeSyncTransfers } from './transfer-sizes.js';

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
  /** Records sent and documents received since the app opened. */
  sent: number;
  received: number;
  /** The current (or last) sync run: records and bytes both ways. */
  progress: ProgressSnapshot;
}

const UNREACHABLE = 'server unreachable';
type Replication = RxReplicationState<unknown, Checkpoint>;

/** Pull page sizes: households are many and small (first sync of an area), submissions come back after review. */
const PULL_BATCH: Record<SyncCollection, number> = { households: PULL_MAX_LIMIT, submissions: 500, forms: 50 };
/** Push batch: small enough that a batch lost on a bad link is cheap to resend. */
const PUSH_BATCH = 100;

export interface SyncEngineOptions {
  userId: string;
  token: string | null;
  /**
   * The user's assigned areas. The households pulled depend on them, so a change of areas (seen at the next
   * login) starts that collection over from the first checkpoint.
   */
  areas?: readonly string[];
  onUnauthorized: () => void;
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
  private readonly replications: Replication[] = [];
  private readonly subscriptions: Subscription[] = [];
  private readonly backoff = new Backoff();
  private readonly progress = new SyncProgress();
  private readonly storage: Storage;
  private readonly lastSyncKey: string;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastRequestOk = false;
  private stopObservingTransfers: () => void = () => undefined;
  private readonly onOnline = () => {
    this.setStatus({ online: true });
    this.retryNow();
  };
  private readonly onOffline = () => this.setStatus({ online: false });
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
      sent: 0,
      received: 0,
      progress: this.progress.snapshot(),
    });
  }

  start(): void {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisible);
    if (!this.options.token) return;
    this.stopObservingTransfers = observeSyncTransfers((bytes) =>
      this.setStatus({ progress: this.progress.bytesReceived(bytes) }),
    );
    this.replications.push(
      this.replicateSubmissions(),
      this.replicatePull<FormDoc>('forms', this.db.forms),
      this.replicatePull<HouseholdDoc>('households', this.db.households),
    );
    this.subscriptions.push(
      combineLatest(this.replications.map((r) => r.active$)).subscribe((active) => {
        const any = active.some(Boolean);
        this.setStatus({ active: any, progress: this.progress.activity(any) });
      }),
      this.db.submissions
        .count({ selector: { status: 'submitted' } })
        .$.subscribe((waiting) => this.setStatus({ progress: this.progress.waitingOnDevice(waiting) })),
      ...this.replications.map((r) => r.error$.subscribe((error) => this.failed(error))),
    );
    this.timer = setInterval(() => this.reSync(), this.options.pollMs ?? 60_000);
  }

  /** Looks for changes in both directions now. */
  reSync(): void {
    for (const replication of this.replications) replication.reSync();
  }

  /** Syncs now and resolves when everything local was sent and everything remote received. */
  async syncNow(): Promise<void> {
    if (this.replications.length === 0) return;
    this.retryNow();
    await Promise.all(this.replications.map((r) => r.awaitInSync()));
  }

  async stop(): Promise<void> {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisible);
    clearInterval(this.timer);
    this.stopObservingTransfers();
    for (const s of this.subscriptions) s.unsubscribe();
    await Promise.all(this.replications.map((r) => r.cancel()));
    this.status$.complete();
  }

  /** Forgets the backoff (the connection came back, or the user asked) and tries again at once. */
  private retryNow(): void {
    this.backoff.reset();
    for (const replication of this.replications) replication.retryTime = 1000;
    this.reSync();
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    if (this.status$.closed) return;
    const previous = this.status$.value;
    const next = { ...previous, ...patch };
    // Requests just went idle after succeeding, with nothing left to send or to receive: a complete sync.
    if (previous.active && !next.active && this.lastRequestOk && !next.progress.running) {
      next.lastSyncAt = Date.now();
      this.storage.setItem(this.lastSyncKey, String(next.lastSyncAt));
    }
    this.status$.next(next);
  }

  private failed(error: unknown): void {
    this.lastRequestOk = false;
    const wait = this.backoff.next();
    for (const replication of this.replications) replication.retryTime = wait;
    const message = describeSyncError(error);
    this.setStatus({ error: message, ...(message === UNREACHABLE ? { online: false } : {}) });
  }

  private succeeded(): void {
    this.lastRequestOk = true;
    this.backoff.reset();
    for (const replication of this.replications) replication.retryTime = 1000;
    this.setStatus({ error: null, online: true });
  }

  /** Tells the server (for its devices view) this app's version and how many records wait on the device. */
  private async deviceHeaders(): Promise<Record<string, string>> {
    const waiting = await this.db.submissions.count({ selector: { status: 'submitted' } }).exec();
    return { [APP_VERSION_HEADER]: APP_VERSION, [QUEUE_HEADER]: String(waiting) };
  }

  private async request<T>(path: string, init: { method?: 'POST'; encodedBody?: EncodedBody } = {}) {
    try {
      return await apiFetch<T>(path, { ...init, token: this.options.token, headers: await this.deviceHeaders() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.setStatus({ needsLogin: true });
        void Promise.all(this.replications.map((r) => r.cancel()));
        this.options.onUnauthorized();
      }
      throw error;
    }
  }

  private pullHandler<T>(collection: SyncCollection) {
    return async (checkpoint: Checkpoint | undefined, batchSize: number) => {
      const seq = checkpoint?.seq ?? 0;
      const { body, headers } = await this.request<{ documents: T[]; checkpoint: Checkpoint }>(
        `/api/sync/${collection}/pull?seq=${seq}&limit=${batchSize}`,
      );
      const remaining = Number(headers.get(REMAINING_HEADER) ?? 0);
      this.setStatus({
        received: this.status$.value.received + body.documents.length,
        progress: this.progress.pulled(collection, body.documents.length, Number.isFinite(remaining) ? remaining : 0),
      });
      this.succeeded();
      // The server also cuts a page by size (PULL_MAX_BYTES): RxDB takes a short page as the end, so when changes
      // remain it is asked to go on at once rather than at the next periodic sync.
      if (remaining > 0 && body.documents.length > 0 && body.documents.length < batchSize) {
        setTimeout(() => this.reSync(), 0);
      }
      return { documents: body.documents as never[], checkpoint: body.checkpoint };
    };
  }

  private replicationIdentifier(collection: SyncCollection): string {
    const scope =
      collection === 'households' && this.options.areas ? `-${[...this.options.areas].sort().join('+')}` : '';
    return `kusanya-${collection}-v${SYNC_FORMAT_VERSION}-${location.origin}${scope}`;
  }

  private replicateSubmissions(): Replication {
    return replicateRxCollection<Submission, Checkpoint>({
      collection: this.db.submissions as unknown as RxCollection<Submission>,
      replicationIdentifier: this.replicationIdentifier('submissions'),
      live: true,
      retryTime: 1000,
      waitForLeadership: false,
      autoStart: true,
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
          const { body: answer } = await this.request<Submission[]>('/api/sync/submissions/push', {
            method: 'POST',
            encodedBody: body,
          });
          this.setStatus({
            sent: this.status$.value.sent + rows.length,
            progress: this.progress.pushed(rows.length, encodedSize(body)),
          });
          this.succeeded();
          return answer;
        },
      },
    }) as unknown as Replication;
  }

  private replicatePull<T extends FormDoc | HouseholdDoc>(
    collection: 'forms' | 'households',
    target: unknown,
  ): Replication {
    return replicateRxCollection<T, Checkpoint>({
      collection: target as unknown as RxCollection<T>,
      replicationIdentifier: this.replicationIdentifier(collection),
      live: true,
      retryTime: 1000,
      waitForLeadership: false,
      autoStart: true,
      toggleOnDocumentVisible: false,
      pull: { handler: this.pullHandler<T>(collection), batchSize: PULL_BATCH[collection] },
    }) as unknown as Replication;
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

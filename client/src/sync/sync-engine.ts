import type { FormDoc, FormsPullResponse, Submission, SubmissionsPullResponse } from '@kusanya/schemas';
import { APP_VERSION_HEADER, PULL_DEFAULT_LIMIT, QUEUE_HEADER, SYNC_FORMAT_VERSION } from '@kusanya/shared/sync/protocol';
import { APP_VERSION } from '../app/version.js';
import type { RxReplicationWriteToMasterRow } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { BehaviorSubject, combineLatest, type Subscription } from 'rxjs';
import { ApiError, apiRequest, NetworkError } from '../api/http.js';
import type { KusanyaDatabase } from '../db/database.js';
import { Backoff } from './backoff.js';

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
  sent: number;
  received: number;
}

type Checkpoint = { seq: number };

const UNREACHABLE = 'server unreachable';
type Replication = RxReplicationState<unknown, Checkpoint>;

export interface SyncEngineOptions {
  userId: string;
  token: string | null;
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
 * Replicates the user's collections with the server whenever the app is open and online
 * (DESIGN.md §3, §6): submissions both ways, forms down. Retries with exponential backoff and
 * jitter, resumes from the last checkpoint, and publishes a status any screen can show.
 */
export class SyncEngine {
  readonly status$: BehaviorSubject<SyncStatus>;
  private readonly replications: Replication[] = [];
  private readonly subscriptions: Subscription[] = [];
  private readonly backoff = new Backoff();
  private readonly storage: Storage;
  private readonly lastSyncKey: string;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly onOnline = () => {
    this.setStatus({ online: true });
    this.reSync();
  };
  private readonly onOffline = () => this.setStatus({ online: false });

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
    });
  }

  start(): void {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    if (!this.options.token) return;
    this.replications.push(this.replicateSubmissions(), this.replicateForms());
    this.subscriptions.push(
      combineLatest(this.replications.map((r) => r.active$)).subscribe((active) => this.setStatus({ active: active.some(Boolean) })),
      ...this.replications.map((r) => r.error$.subscribe((error) => this.failed(error))),
    );
    this.timer = setInterval(() => this.reSync(), this.options.pollMs ?? 60_000);
  }

  /** Looks for changes in both directions now (the "Sync now" button and the `online` event). */
  reSync(): void {
    for (const replication of this.replications) replication.reSync();
  }

  /** Syncs now and resolves when everything local was sent and everything remote received. */
  async syncNow(): Promise<void> {
    if (this.replications.length === 0) return;
    this.backoff.reset();
    for (const replication of this.replications) replication.retryTime = 1000;
    this.reSync();
    await Promise.all(this.replications.map((r) => r.awaitInSync()));
  }

  async stop(): Promise<void> {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearInterval(this.timer);
    for (const s of this.subscriptions) s.unsubscribe();
    await Promise.all(this.replications.map((r) => r.cancel()));
    this.status$.complete();
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    if (!this.status$.closed) this.status$.next({ ...this.status$.value, ...patch });
  }

  private failed(error: unknown): void {
    const wait = this.backoff.next();
    for (const replication of this.replications) replication.retryTime = wait;
    const message = describeSyncError(error);
    this.setStatus({ error: message, ...(message === UNREACHABLE ? { online: false } : {}) });
  }

  private succeeded(caughtUp: boolean): void {
    this.backoff.reset();
    for (const replication of this.replications) replication.retryTime = 1000;
    if (caughtUp) {
      const now = Date.now();
      this.storage.setItem(this.lastSyncKey, String(now));
      this.setStatus({ error: null, online: true, lastSyncAt: now });
    } else {
      this.setStatus({ error: null, online: true });
    }
  }

  /** Tells the server (for its devices view) this app's version and how many records wait on the device. */
  private async deviceHeaders(): Promise<Record<string, string>> {
    const waiting = await this.db.submissions.count({ selector: { status: 'submitted' } }).exec();
    return { [APP_VERSION_HEADER]: APP_VERSION, [QUEUE_HEADER]: String(waiting) };
  }

  private async request<T>(path: string, init: { method?: 'POST'; body?: unknown } = {}): Promise<T> {
    try {
      return await apiRequest<T>(path, { ...init, token: this.options.token, headers: await this.deviceHeaders() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.setStatus({ needsLogin: true });
        void Promise.all(this.replications.map((r) => r.cancel()));
        this.options.onUnauthorized();
      }
      throw error;
    }
  }

  private pullHandler<T>(collection: string) {
    return async (checkpoint: Checkpoint | undefined, batchSize: number) => {
      const seq = checkpoint?.seq ?? 0;
      const body = await this.request<{ documents: T[]; checkpoint: Checkpoint }>(
        `/api/sync/${collection}/pull?seq=${seq}&limit=${batchSize}`,
      );
      this.setStatus({ received: this.status$.value.received + body.documents.length });
      this.succeeded(body.documents.length < batchSize);
      return { documents: body.documents as never[], checkpoint: body.checkpoint };
    };
  }

  private replicateSubmissions(): Replication {
    return replicateRxCollection<Submission, Checkpoint>({
      collection: this.db.submissions,
      replicationIdentifier: `kusanya-submissions-v${SYNC_FORMAT_VERSION}-${location.origin}`,
      live: true,
      retryTime: 1000,
      waitForLeadership: false,
      autoStart: true,
      toggleOnDocumentVisible: false,
      pull: { handler: this.pullHandler<SubmissionsPullResponse['documents'][number]>('submissions'), batchSize: PULL_DEFAULT_LIMIT },
      push: {
        batchSize: 100,
        handler: async (rows: RxReplicationWriteToMasterRow<Submission>[]) => {
          const body = rows.map((r) => ({
            assumedMasterState: r.assumedMasterState ? toWire(r.assumedMasterState) : null,
            newDocumentState: toWire(r.newDocumentState),
          }));
          const answer = await this.request<Submission[]>('/api/sync/submissions/push', { method: 'POST', body });
          this.setStatus({ sent: this.status$.value.sent + rows.length });
          this.succeeded(false);
          return answer;
        },
      },
    }) as unknown as Replication;
  }

  private replicateForms(): Replication {
    return replicateRxCollection<FormDoc, Checkpoint>({
      collection: this.db.forms,
      replicationIdentifier: `kusanya-forms-v${SYNC_FORMAT_VERSION}-${location.origin}`,
      live: true,
      retryTime: 1000,
      waitForLeadership: false,
      autoStart: true,
      toggleOnDocumentVisible: false,
      pull: { handler: this.pullHandler<FormsPullResponse['documents'][number]>('forms'), batchSize: PULL_DEFAULT_LIMIT },
    }) as unknown as Replication;
  }
}

/**
 * A short description of a replication failure. RxDB wraps what the handlers threw (sometimes as plain
 * objects) in `parameters.errors`; a network failure is described as such.
 */
export function describeSyncError(error: unknown): string {
  const cause = (error as { parameters?: { errors?: unknown[] } } | null)?.parameters?.errors?.[0] ?? error;
  const { name, message } = (typeof cause === 'object' && cause !== null ? cause : {}) as { name?: unknown; message?: unknown };
  if (name === 'NetworkError' || cause instanceof NetworkError) return UNREACHABLE;
  if (typeof message === 'string' && message) return message;
  return typeof cause === 'string' ? cause : 'unknown error';
}

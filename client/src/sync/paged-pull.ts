/**
 * Pulls of the collections the device only reads — households and forms (DESIGN.md §3:
 * `GET /api/sync/{collection}/pull?seq=&limit=`) — done by the app itself rather than by RxDB's replication: what
 * matters is that a first sync of a whole area never freezes the tablet, and that the forms (the capture buttons)
 * arrive at once. Each page is stored in small chunks, giving the main thread back between chunks, while the next
 * page downloads; the checkpoint moves only when a whole page is on disk, so an interrupted pull resumes where it
 * stopped and re-stores at most one page (storing is idempotent). Progress counts documents stored, not received.
 */
import { BehaviorSubject, Subject } from 'rxjs';
import { yieldToMain } from '../app/yield-to-main.js';
import type { KusanyaDatabase } from '../db/database.js';

export interface PulledPage<T> {
  documents: T[];
  checkpoint: { seq: number };
  /** Changes left on the server after this page (the server's `X-Kusanya-Remaining`; null if it did not say). */
  remaining: number | null;
  /** Bytes of the answer on the wire (once the browser has recorded them). */
  bytes: Promise<number>;
}

export interface PagedPullOptions<T> {
  /** Where the checkpoint is kept (the database's local documents), under `pull-<name>`. */
  db: KusanyaDatabase;
  name: string;
  /** What the pulled slice depends on (e.g. the user's areas): when it changes, the pull starts over. */
  scope: string;
  fetchPage(seq: number, limit: number, signal: AbortSignal): Promise<PulledPage<T>>;
  /** Stores documents (tombstones remove); resolves once they are on disk. */
  store(documents: T[]): Promise<void>;
  /** A page arrived (its documents are to be stored). */
  onFetched?(page: PulledPage<T>): void;
  /** Documents stored. */
  onStored?(documents: number): void;
  pageSize: number;
  /** Documents stored per step between two yields to the main thread. */
  chunkSize?: number;
  /** The order to store a page's documents in (a stable order: a document twice in a page keeps its last state). */
  order?(documents: T[]): T[];
  /** The first pull waits for this (e.g. the forms, which the capture buttons need). */
  notBefore?: Promise<unknown>;
}

export class PagedPull<T> {
  /** A pull is under way (or waiting to retry). */
  readonly active$ = new BehaviorSubject(false);
  readonly error$ = new Subject<unknown>();
  /** How long to wait before retrying after a failure (set by the sync engine's backoff). */
  retryTime = 1000;
  private wanted = false;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private wake: (() => void) | null = null;
  private readonly firstPull: Promise<void>;
  private firstPulled: () => void = () => undefined;

  constructor(private readonly options: PagedPullOptions<T>) {
    this.firstPull = new Promise((resolve) => (this.firstPulled = resolve));
  }

  /** Pulls now (or again right after the current pull). */
  reSync(): void {
    this.wanted = true;
    this.wake?.();
    if (!this.running && !this.abort.signal.aborted) this.running = this.loop();
  }

  /** Resolves when no pull is under way or asked for (after retries, if the server cannot be reached). */
  async awaitInSync(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Resolves after the first complete pull. */
  awaitInitialPull(): Promise<void> {
    return this.firstPull;
  }

  async cancel(): Promise<void> {
    this.abort.abort();
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    this.active$.next(true);
    try {
      await this.options.notBefore;
      while (this.wanted && !this.abort.signal.aborted) {
        this.wanted = false;
        try {
          await this.pullAll();
          this.firstPulled();
        } catch (error) {
          if (this.abort.signal.aborted) break;
          this.error$.next(error);
          this.wanted = true;
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            setTimeout(resolve, this.retryTime);
          });
          this.wake = null;
        }
      }
    } finally {
      this.running = null;
      this.active$.next(false);
    }
  }

  private get checkpointId(): string {
    return `pull-${this.options.name}`;
  }

  private async checkpoint(): Promise<number> {
    const doc = await this.options.db.getLocal<{ seq: number; scope: string }>(this.checkpointId);
    return doc && doc.get('scope') === this.options.scope ? (doc.get('seq') as number) : 0;
  }

  private async pullAll(): Promise<void> {
    const { fetchPage, store, onFetched, onStored, pageSize } = this.options;
    const chunkSize = this.options.chunkSize ?? pageSize;
    const signal = this.abort.signal;
    const fetch = (seq: number) => {
      const page = fetchPage(seq, pageSize, signal);
      page.catch(() => undefined); // awaited below; a failure is handled there
      return page;
    };
    let next = fetch(await this.checkpoint());
    for (;;) {
      const page = await next;
      onFetched?.(page);
      const more = page.remaining === null ? page.documents.length >= pageSize : page.remaining > 0;
      // The next page downloads while this one is stored.
      if (more) next = fetch(page.checkpoint.seq);
      const documents = this.options.order ? this.options.order(page.documents) : page.documents;
      for (let i = 0; i < documents.length; i += chunkSize) {
        if (signal.aborted) return;
        const chunk = documents.slice(i, i + chunkSize);
        await store(chunk);
        onStored?.(chunk.length);
        await yieldToMain();
      }
      if (page.documents.length > 0)
        await this.options.db.upsertLocal(this.checkpointId, { seq: page.checkpoint.seq, scope: this.options.scope });
      if (!more) return;
    }
  }
}

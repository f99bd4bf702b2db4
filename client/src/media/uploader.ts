import type { DeviceMedia, RecordMedia } from '@kusanya/schemas';
import { BehaviorSubject, merge, type Subscription } from 'rxjs';
import { DetailedError, Upload } from 'tus-js-client';
import { ApiError, apiRequest } from '../api/http.js';

import type { DeviceMediaStore } from './device-media.js';

/** What the sync bar shows of media: files and bytes still to send, and how far the current run has got. */
export interface MediaUploadStatus {
  /** Files waiting on the tablet for the server to acknowledge them. */
  waiting: number;
  /** Files acknowledged in this run, of `inRun`. */
  done: number;
  inRun: number;
  bytesSent: number;
  bytesTotal: number;
  active: boolean;
  /** Plain words for the last failure; cleared by the next success. */
  error: string | null;
}

const IDLE: MediaUploadStatus = {
  waiting: 0,
  done: 0,
  inRun: 0,
  bytesSent: 0,
  bytesTotal: 0,
  active: false,
  error: null,
};

/**
 * Chunks small enough that a dropped connection loses little (a chunk is resent from the last byte the server
 * acknowledged, never the whole file), large enough that headers stay a fraction of a percent of the bytes.
 */
export const CHUNK_BYTES = 256 * 1024;
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000];

export interface MediaUploaderOptions {
  userId: string;
  token: string | null;
  /** Base address of the API (the page's origin). */
  origin?: string;
  pollMs?: number;
}

type Outcome = 'sent' | 'later';

/**
 * Sends the tablet's photos, signatures, recordings and files to the server over tus, after their record is on
 * the server: each file once (the server is asked first which it holds), in chunks, resuming after a dropped
 * connection or a closed app from the last byte the server acknowledged (tus-js-client keeps each upload's address
 * under a fingerprint of user, record and hash). A medium is marked sent only when the server acknowledged it.
 */
export class MediaUploader {
  readonly status$ = new BehaviorSubject<MediaUploadStatus>(IDLE);
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private current: Upload | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private subscription: Subscription | undefined;
  private readonly onOnline = () => this.kick();

  constructor(
    private readonly store: DeviceMediaStore,
    private readonly options: MediaUploaderOptions,
  ) {}

  start(): void {
    if (!this.options.token) return;
    window.addEventListener('online', this.onOnline);
    // New media, and records the server acknowledged (their media may go now).
    this.subscription = merge(
      this.store.db.media.insert$,
      this.store.db.submissions.update$,
      this.store.db.submissions.insert$,
    ).subscribe(() => this.kick());
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 30_000);
    void this.countWaiting();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    clearInterval(this.timer);
    this.subscription?.unsubscribe();
    await this.current?.abort();
    await this.running;
    this.status$.complete();
  }

  /** Sends what waits, now; resolves when this run is over. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.kick();
      }
    });
    return this.running;
  }

  private set(patch: Partial<MediaUploadStatus>): void {
    if (!this.status$.closed) this.status$.next({ ...this.status$.value, ...patch });
  }

  private async countWaiting(): Promise<DeviceMedia[]> {
    const waiting = await this.store.unsent();
    this.set({ waiting: waiting.length });
    return waiting;
  }

  private async run(): Promise<void> {
    const waiting = await this.countWaiting();
    if (waiting.length === 0 || !navigator.onLine) return;
    const ready = await this.readyToSend(waiting);
    if (ready.length === 0) return;
    this.set({
      active: true,
      done: 0,
      inRun: ready.length,
      bytesSent: 0,
      bytesTotal: ready.reduce((a, m) => a + m.size, 0),
    });
    let base = 0;
    try {
      for (const media of ready) {
        if (this.stopped) return;
        const outcome = await this.send(media, (sent) => this.set({ bytesSent: base + sent }));
        if (outcome === 'later') break;
        base += media.size;
        await this.store.markSent(media.id);
        this.set({ done: this.status$.value.done + 1, bytesSent: base, error: null });
      }
    } finally {
      this.set({ active: false });
      await this.countWaiting();
    }
  }

  /**
   * Media whose record the server has (its status moved past "submitted"), minus those the server already holds
   * (marked sent at once: a file already on the server is never sent again).
   */
  private async readyToSend(waiting: DeviceMedia[]): Promise<DeviceMedia[]> {
    const ready: DeviceMedia[] = [];
    const bySubmission = new Map<string, DeviceMedia[]>();
    for (const m of waiting) bySubmission.set(m.submissionId, [...(bySubmission.get(m.submissionId) ?? []), m]);
    for (const [submissionId, media] of bySubmission) {
      const record = await this.store.db.submissions.findOne(submissionId).exec();
      if (!record || record.status === 'submitted') continue;
      let state: RecordMedia;
      try {
        state = await apiRequest<RecordMedia>(`/api/media/records/${submissionId}`, { token: this.options.token });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) continue;
        this.set({ error: describe(error) });
        return ready;
      }
      const received = new Set(state.files.filter((f) => f.received).map((f) => f.sha256));
      for (const m of media) {
        if (received.has(m.sha256)) await this.store.markSent(m.id);
        else ready.push(m);
      }
    }
    return ready;
  }

  private async send(media: DeviceMedia, onProgress: (sent: number) => void): Promise<Outcome> {
    const bytes = await this.store.bytes(media.submissionId, media.name);
    if (!bytes) return 'sent';
    const origin = this.options.origin ?? location.origin;
    return new Promise<Outcome>((resolve) => {
      const upload = new Upload(bytes, {
        endpoint: `${origin}/api/media/uploads`,
        headers: { authorization: `Bearer ${this.options.token}` },
        metadata: {
          submissionId: media.submissionId,
          sha256: media.sha256,
          filename: media.name,
          filetype: media.type,
        },
        chunkSize: CHUNK_BYTES,
        retryDelays: RETRY_DELAYS,
        fingerprint: async () => `kusanya-media:${this.options.userId}:${media.submissionId}:${media.sha256}`,
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        onShouldRetry: (error) => {
          const status = (error as DetailedError).originalResponse?.getStatus() ?? 0;
          return status === 0 || status >= 500 || status === 423 || status === 429;
        },
        onProgress: (sent) => onProgress(sent),
        onSuccess: () => resolve('sent'),
        onError: (error) => {
          // The server already holds this file (another record, an earlier attempt). tus's own 409 (an offset
          // that moved) is not that: the file is sent again from the server's offset at the next sync.
          if (heldAlready((error as DetailedError).originalResponse)) return resolve('sent');
          this.set({ error: describe(error) });
          resolve('later');
        },
      });
      this.current = upload;
      void upload
        .findPreviousUploads()
        .then((previous) => {
          if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
          upload.start();
        })
        .catch(() => upload.start());
    }).finally(() => {
      this.current = null;
    });
  }
}

/** Whether an answer is the server's "already-exists" (409 with that error code), not any other 409. */
export function heldAlready(response: { getStatus(): number; getBody(): string } | null | undefined): boolean {
  if (response?.getStatus() !== 409) return false;
  try {
    return (JSON.parse(response.getBody()) as { error?: { code?: string } }).error?.code === 'already-exists';
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  if (error instanceof DetailedError) {
    const body = error.originalResponse?.getBody();
    try {
      const parsed = JSON.parse(body ?? '') as { error?: { message?: string } };
      if (parsed.error?.message) return parsed.error.message;
    } catch {
      // not one of our error bodies
    }
    return error.originalResponse ? `HTTP ${error.originalResponse.getStatus()}` : 'server unreachable';
  }
  return error instanceof Error ? error.message : String(error);
}

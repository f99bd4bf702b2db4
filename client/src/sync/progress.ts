import type { SyncCollection } from '@kusanya/shared/sync/protocol';

/** What a person watching a long sync sees: records and bytes, both ways, for the current run. */
export interface ProgressSnapshot {
  /** A run is under way (started by activity, ends when nothing is left to send or receive). */
  running: boolean;
  /** Records acknowledged by the server in this run. */
  sent: number;
  /** sent + records still waiting on the device. */
  toSend: number;
  /** Documents received in this run and stored on the device (a downloaded page being stored does not count yet). */
  received: number;
  /** received + downloaded and not yet stored + what the server said remains. */
  toReceive: number;
  bytesSent: number;
  bytesReceived: number;
  /**
   * Since the app opened, across runs: what the person is told once sync is idle. (A push and the pull that
   * brings back its records' review state are often two runs: the last run alone read "0 sent, 3 received".)
   */
  session: { sent: number; received: number; bytes: number };
}

const IDLE: ProgressSnapshot = {
  running: false,
  sent: 0,
  toSend: 0,
  received: 0,
  toReceive: 0,
  bytesSent: 0,
  bytesReceived: 0,
  session: { sent: 0, received: 0, bytes: 0 },
};

/**
 * Progress of sync runs. A run starts when something moves (records to send while requests are under way, a
 * push, documents pulled or announced) and finishes when the replications are idle with nothing waiting on the
 * device and nothing announced by the server; a poll that finds nothing does not start a run, so the last run's
 * figures stay visible. Pure bookkeeping (no timers, no I/O): the engine feeds it events.
 */
export class SyncProgress {
  private current: ProgressSnapshot = IDLE;
  private run = 0;
  private waiting = 0;
  private active = false;
  private readonly remaining = new Map<SyncCollection, number>();
  /** Documents downloaded and not yet stored, per collection. */
  private readonly pending = new Map<SyncCollection, number>();

  snapshot(): ProgressSnapshot {
    return this.current;
  }

  /** Replication activity changed (any request under way, or none). */
  activity(active: boolean): ProgressSnapshot {
    this.active = active;
    if (active && !this.current.running && this.waiting > 0) this.start();
    return this.refresh();
  }

  /** How many records wait on the device (its outbox), whenever that changes. */
  waitingOnDevice(count: number): ProgressSnapshot {
    this.waiting = count;
    if (count > 0 && !this.current.running && this.active) this.start();
    return this.refresh();
  }

  /** `records` acknowledged by the server, `bytes` sent (the request body). */
  pushed(records: number, bytes: number): ProgressSnapshot {
    if (!this.current.running) this.start();
    this.current = {
      ...this.current,
      sent: this.current.sent + records,
      bytesSent: this.current.bytesSent + bytes,
      session: { ...this.current.session, sent: this.current.session.sent + records },
    };
    this.addBytes(bytes);
    return this.refresh();
  }

  /** The run under way (to count an answer's bytes in when they are known), or null. */
  currentRun(): number | null {
    return this.current.running ? this.run : null;
  }

  /** Bytes of an answer received during run `run`: counted in it, even if it has just finished, never in a later one. */
  bytesReceived(run: number, bytes: number): ProgressSnapshot {
    if (run === this.run) this.current = { ...this.current, bytesReceived: this.current.bytesReceived + bytes };
    this.addBytes(bytes);
    return this.current;
  }

  /**
   * A page of `documents` arrived (to be stored), `bytes` on the wire; the server says `remaining` more changes wait
   * after it. A poll that finds nothing outside a run leaves the last run's figures as they were.
   */
  fetched(collection: SyncCollection, documents: number, remaining: number, bytes = 0): ProgressSnapshot {
    if (!this.current.running && documents + remaining > 0) this.start();
    if (this.current.running) this.current = { ...this.current, bytesReceived: this.current.bytesReceived + bytes };
    this.addBytes(bytes);
    this.remaining.set(collection, remaining);
    this.pending.set(collection, (this.pending.get(collection) ?? 0) + documents);
    return this.refresh();
  }

  /** `documents` of what arrived are now stored on the device. */
  stored(collection: SyncCollection, documents: number): ProgressSnapshot {
    const pending = this.pending.get(collection) ?? 0;
    const count = Math.min(documents, pending);
    this.pending.set(collection, pending - count);
    this.current = {
      ...this.current,
      received: this.current.received + count,
      session: { ...this.current.session, received: this.current.session.received + count },
    };
    return this.refresh();
  }

  /** Everything that arrived for `collection` is stored (its replication went idle after writing it). */
  settled(collection: SyncCollection): ProgressSnapshot {
    return this.stored(collection, this.pending.get(collection) ?? 0);
  }

  private start(): void {
    this.run += 1;
    this.current = { ...IDLE, running: true, session: this.current.session };
    this.remaining.clear();
    this.pending.clear();
  }

  private addBytes(bytes: number): void {
    this.current = { ...this.current, session: { ...this.current.session, bytes: this.current.session.bytes + bytes } };
  }

  private refresh(): ProgressSnapshot {
    const sum = (m: Map<SyncCollection, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const remaining = sum(this.remaining);
    const pending = sum(this.pending);
    const running = this.current.running && (this.active || this.waiting > 0 || remaining > 0 || pending > 0);
    this.current = {
      ...this.current,
      running,
      toSend: this.current.sent + this.waiting,
      toReceive: this.current.received + pending + remaining,
    };
    return this.current;
  }
}

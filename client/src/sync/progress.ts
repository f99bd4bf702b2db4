import type { SyncCollection } from '@kusanya/shared/sync/protocol';

/** What a person watching a long sync sees: records and bytes, both ways, for the current run. */
export interface ProgressSnapshot {
  /** A run is under way (started by activity, ends when nothing is left to send or receive). */
  running: boolean;
  /** Records acknowledged by the server in this run. */
  sent: number;
  /** sent + records still waiting on the device. */
  toSend: number;
  /** Documents received in this run. */
  received: number;
  /** received + what the server said remains. */
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
  private waiting = 0;
  private active = false;
  private readonly remaining = new Map<SyncCollection, number>();

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

  pushed(records: number, bytes: number): ProgressSnapshot {
    if (!this.current.running) this.start();
    this.current = {
      ...this.current,
      sent: this.current.sent + records,
      bytesSent: this.current.bytesSent + bytes,
      session: { ...this.current.session, sent: this.current.session.sent + records },
    };
    return this.addBytes(bytes);
  }

  pulled(collection: SyncCollection, documents: number, remaining: number): ProgressSnapshot {
    if (!this.current.running && documents + remaining > 0) this.start();
    this.remaining.set(collection, remaining);
    this.current = {
      ...this.current,
      received: this.current.received + documents,
      session: { ...this.current.session, received: this.current.session.received + documents },
    };
    return this.refresh();
  }

  bytesReceived(bytes: number): ProgressSnapshot {
    this.current = { ...this.current, bytesReceived: this.current.bytesReceived + bytes };
    return this.addBytes(bytes);
  }

  private addBytes(bytes: number): ProgressSnapshot {
    this.current = { ...this.current, session: { ...this.current.session, bytes: this.current.session.bytes + bytes } };
    return this.refresh();
  }

  private start(): void {
    this.current = { ...IDLE, running: true, session: this.current.session };
    this.remaining.clear();
  }

  private refresh(): ProgressSnapshot {
    const remaining = [...this.remaining.values()].reduce((a, b) => a + b, 0);
    const running = this.current.running && (this.active || this.waiting > 0 || remaining > 0);
    this.current = {
      ...this.current,
      running,
      toSend: this.current.sent + this.waiting,
      toReceive: this.current.received + remaining,
    };
    return this.current;
  }
}

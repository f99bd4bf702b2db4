/** Rows written so far by running exports, so the browser can show progress (Content-Length is unknown). */
export interface ExportProgressState {
  userId: string;
  total: number;
  rows: number;
  state: 'running' | 'done' | 'failed' | 'aborted';
  updatedAt: number;
}

const KEEP_MS = 15 * 60_000;

/** Held by the app context (one per app instance); finished entries are forgotten after 15 minutes. */
export class ExportProgress {
  private readonly entries = new Map<string, ExportProgressState>();

  start(id: string, userId: string, total: number, now = Date.now()): void {
    this.prune(now);
    this.entries.set(id, { userId, total, rows: 0, state: 'running', updatedAt: now });
  }

  advance(id: string, rows: number): void {
    const entry = this.entries.get(id);
    if (entry) {
      entry.rows = rows;
      entry.updatedAt = Date.now();
    }
  }

  finish(id: string, state: 'done' | 'failed' | 'aborted'): void {
    const entry = this.entries.get(id);
    if (entry && entry.state === 'running') {
      entry.state = state;
      entry.updatedAt = Date.now();
    }
  }

  /** The progress of an export, only for the user who started it. */
  get(id: string, userId: string): ExportProgressState | null {
    const entry = this.entries.get(id);
    return entry && entry.userId === userId ? { ...entry } : null;
  }

  running(): number {
    return [...this.entries.values()].filter((e) => e.state === 'running').length;
  }

  private prune(now: number): void {
    for (const [id, entry] of this.entries)
      if (entry.state !== 'running' && now - entry.updatedAt > KEEP_MS) this.entries.delete(id);
  }
}

import type { DraftSaver } from '../capture/drafts.js';
import { whenIdle } from '../app/when-idle.js';
import type { FormStore } from './form-store.js';

/** The longest answers wait before being written to the device (changes meanwhile are written together). */
export const AUTOSAVE_MAX_DELAY_MS = 500;

/** Answers are written once answering pauses this long (while someone types, once per AUTOSAVE_MAX_DELAY_MS). */
export const AUTOSAVE_QUIET_MS = 250;

/** How long a due write waits for the tablet to be idle (the screen updated) before it goes ahead anyway. */
export const AUTOSAVE_IDLE_GRACE_MS = 100;

/** What the autosave needs of a draft's storage. */
export type DraftWriter = Pick<DraftSaver, 'save' | 'settled'>;

/**
 * Saves a draft's answers as they change, so that a burst of keystrokes becomes one write and answering never waits
 * for storage: once answering pauses for AUTOSAVE_QUIET_MS, and at the latest AUTOSAVE_MAX_DELAY_MS after the first
 * change not yet written — then when the tablet is idle, after the screen has been updated (writing a large
 * form's draft — a copy of the answers, sealed and stored — costs more than showing an answer, and is not done on
 * every keystroke). Anything waiting is written at once when the page is hidden or closed, and by `flush()` (before
 * finishing or leaving the form).
 */
export class Autosave {
  /** When the oldest change not yet written was made (null: everything is written). */
  private dirtySince: number | null = null;
  /** Cancels the wait for the write: the pause in answering, then the idle moment. */
  private cancel: (() => void) | null = null;
  private waitingForIdle = false;
  private readonly unsubscribe: () => void;
  private readonly onHide = () => {
    if (document.visibilityState === 'hidden') void this.flush();
  };
  private readonly onPageHide = () => void this.flush();

  constructor(
    private readonly store: FormStore,
    private readonly saver: DraftWriter,
  ) {
    this.unsubscribe = store.subscribeAll(() => this.changed());
    document.addEventListener('visibilitychange', this.onHide);
    window.addEventListener('pagehide', this.onPageHide);
  }

  private changed(): void {
    const now = Date.now();
    this.dirtySince ??= now;
    if (this.waitingForIdle) return; // the write to come takes this change too
    this.cancel?.();
    const wait = Math.max(0, Math.min(AUTOSAVE_QUIET_MS, this.dirtySince + AUTOSAVE_MAX_DELAY_MS - now));
    const due = setTimeout(() => {
      this.waitingForIdle = true;
      this.cancel = whenIdle(() => void this.flush(), AUTOSAVE_IDLE_GRACE_MS);
    }, wait);
    this.cancel = () => clearTimeout(due);
  }

  /** Writes what is waiting; resolves when everything is on disk. */
  async flush(): Promise<void> {
    if (this.dirtySince !== null) {
      this.cancel?.();
      this.cancel = null;
      this.waitingForIdle = false;
      this.dirtySince = null;
      void this.saver.save(this.store.session.snapshot());
    }
    await this.saver.settled();
  }

  /** Stops listening; anything waiting is still written. */
  async close(): Promise<void> {
    this.unsubscribe();
    document.removeEventListener('visibilitychange', this.onHide);
    window.removeEventListener('pagehide', this.onPageHide);
    await this.flush();
  }
}

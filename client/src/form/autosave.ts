import type { DraftSaver } from '../capture/drafts.js';
import { whenIdle, type CancelIdle } from '../app/when-idle.js';
import type { FormStore } from './form-store.js';

/** The longest answers wait before being written to the device (changes meanwhile are written together). */
export const AUTOSAVE_MAX_DELAY_MS = 500;

/**
 * Saves a draft's answers after every change, when the tablet is idle (within half a second), so
 * that a burst of keystrokes becomes one write and answering never waits for storage. Anything
 * waiting is written at once when the page is hidden or closed, and by `flush()` (before finishing
 * or leaving the form).
 */
export class Autosave {
  private cancel: CancelIdle | null = null;
  private readonly unsubscribe: () => void;
  private readonly onHide = () => {
    if (document.visibilityState === 'hidden') void this.flush();
  };
  private readonly onPageHide = () => void this.flush();

  constructor(
    private readonly store: FormStore,
    private readonly saver: DraftSaver,
  ) {
    this.unsubscribe = store.subscribeAll(() => {
      this.cancel ??= whenIdle(() => void this.flush(), AUTOSAVE_MAX_DELAY_MS);
    });
    document.addEventListener('visibilitychange', this.onHide);
    window.addEventListener('pagehide', this.onPageHide);
  }

  /** Writes what is waiting; resolves when everything is on disk. */
  async flush(): Promise<void> {
    if (this.cancel !== null) {
      this.cancel();
      this.cancel = null;
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

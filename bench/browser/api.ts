import type { User } from '@kusanya/schemas';
import type { ProgressSnapshot } from '../../client/src/sync/progress.js';

/** What bench/browser/driver.ts exposes to the harness in the page. */
export interface BenchWindow {
  kusanyaBench: {
    open(userId: string): Promise<void>;
    capture(user: User, count: number, seed: number): Promise<number>;
    sync(
      userId: string,
      token: string,
      wait: { households?: number; allSent?: number },
      timeoutMs: number,
    ): Promise<{ ms: number; progress: ProgressSnapshot }>;
    close(): Promise<void>;
    /** Takes `runs` 12-megapixel camera photos through the app's resize and encrypted store: ms per photo. */
    photoCapture(runs: number): Promise<{ ms: number[]; bytes: number[] }>;
    /** Finalises `count` household records with two ID-card photos each (kept on the tablet): photo bytes. */
    captureWithPhotos(user: User, count: number): Promise<number[]>;
    /** Runs the app's sync and media uploader until every medium is acknowledged; `cut` is called halfway. */
    syncMedia(userId: string, token: string, timeoutMs: number): Promise<{ ms: number }>;
    mediaProgress(): Promise<{ done: number; inRun: number; waiting: number }>;
  };
}

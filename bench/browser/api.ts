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
  };
}

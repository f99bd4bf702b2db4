/** Cancels a task handed to {@link whenIdle} (nothing happens if it already ran). */
export type CancelIdle = () => void;

/**
 * Runs `task` when the browser has nothing else to do — after the screen has been updated — and at the latest after
 * `timeoutMs`. Where `requestIdleCallback` is missing (Safari), after a short delay instead.
 */
export function whenIdle(task: () => void, timeoutMs: number): CancelIdle {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => task(), { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, Math.min(timeoutMs, 150));
  return () => clearTimeout(id);
}

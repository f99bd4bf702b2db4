/**
 * Gives the main thread back before going on: long work on the tablet is done in steps with this between them, so
 * that input, rendering and the app's other work (network answers, database callbacks) run in between and no step
 * freezes the screen. A plain task (not `scheduler.yield()`, whose continuation would go ahead of that other work).
 */
export function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

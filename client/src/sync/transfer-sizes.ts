/**
 * Bytes of sync responses as the browser measured them on the wire (Resource Timing `transferSize`: compressed
 * body plus headers), read for each request when it has finished — not from an observer whose reports may arrive
 * late, after the progress bar's run ended. Resource Timing's buffer (250 entries) is emptied when no measure is
 * waiting, so entries keep being recorded.
 */
const CLEAR_ABOVE = 150;

const bytesOf = (entry: PerformanceResourceTiming) => entry.transferSize || entry.encodedBodySize;

export class WireMeter {
  private waiting = 0;

  /**
   * The bytes on the wire of the response to `url` requested at or after `since` (a `performance.now()` time
   * taken just before the request). Waits up to `timeoutMs` for the browser to record it; 0 when it cannot be known.
   */
  async responseBytes(url: string, since: number, timeoutMs = 2000): Promise<number> {
    if (typeof performance === 'undefined' || typeof performance.getEntriesByName !== 'function') return 0;
    const absolute = new URL(url, location.href).href;
    const matches = (e: PerformanceEntry) => e.name === absolute && e.startTime >= since;
    this.waiting++;
    try {
      const buffered = performance.getEntriesByName(absolute, 'resource').find(matches);
      const entry = (buffered ?? (await this.observe(matches, timeoutMs))) as PerformanceResourceTiming | undefined;
      return entry ? bytesOf(entry) : 0;
    } finally {
      this.waiting--;
      if (this.waiting === 0 && performance.getEntriesByType('resource').length > CLEAR_ABOVE)
        performance.clearResourceTimings();
    }
  }

  private observe(matches: (e: PerformanceEntry) => boolean, timeoutMs: number) {
    if (typeof PerformanceObserver === 'undefined') return Promise.resolve(undefined);
    return new Promise<PerformanceEntry | undefined>((resolve) => {
      const done = (found: PerformanceEntry | undefined) => {
        clearTimeout(timer);
        observer.disconnect();
        resolve(found);
      };
      const observer = new PerformanceObserver((list) => {
        const found = list.getEntries().find(matches);
        if (found) done(found);
      });
      const timer = setTimeout(() => done(performance.getEntriesByType('resource').find(matches)), timeoutMs);
      observer.observe({ type: 'resource', buffered: true });
    });
  }
}

/**
 * Bytes received by sync requests, as the browser measured them on the wire (Resource Timing `transferSize`:
 * compressed body plus headers). Calls `onBytes` for every finished `/api/sync/` request.
 */
export function observeSyncTransfers(onBytes: (bytes: number) => void): () => void {
  if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('resource'))
    return () => undefined;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (entry.name.includes('/api/sync/')) onBytes(entry.transferSize || entry.encodedBodySize);
    }
  });
  observer.observe({ type: 'resource' });
  // Observers receive entries even when the timeline buffer is full; clear it so it never fills.
  const clear = setInterval(() => performance.clearResourceTimings(), 60_000);
  return () => {
    clearInterval(clear);
    observer.disconnect();
  };
}

/**
 * The tablet's storage (DESIGN.md §6): persistence asked at login (so the browser does not evict the data
 * when space runs low), and the headroom left, with the thresholds below which capture is blocked.
 */

export type Persistence = 'granted' | 'denied' | 'unsupported';

/** Below this much free space new records cannot be started: what is on the tablet must still fit. */
export const BLOCK_CAPTURE_BELOW_BYTES = 50 * 1024 * 1024;
/** Below this much free space the app warns. */
export const WARN_BELOW_BYTES = 200 * 1024 * 1024;

export type HeadroomLevel = 'ok' | 'low' | 'full' | 'unknown';

export interface Headroom {
  /** Bytes used by this app (all its databases and caches). */
  usage: number;
  /** Bytes the browser lets this app use. */
  quota: number;
  /** quota − usage */
  free: number;
  level: HeadroomLevel;
}

export function headroomOf(usage: number | undefined, quota: number | undefined): Headroom {
  if (quota === undefined || usage === undefined || quota <= 0)
    return { usage: usage ?? 0, quota: quota ?? 0, free: 0, level: 'unknown' };
  const free = Math.max(0, quota - usage);
  const level: HeadroomLevel = free < BLOCK_CAPTURE_BELOW_BYTES ? 'full' : free < WARN_BELOW_BYTES ? 'low' : 'ok';
  return { usage, quota, free, level };
}

/** Capture is allowed unless the browser says space is below the safe threshold (unknown space never blocks). */
export const captureAllowed = (headroom: Headroom) => headroom.level !== 'full';

export async function estimateHeadroom(): Promise<Headroom> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return headroomOf(undefined, undefined);
  try {
    const { usage, quota } = await navigator.storage.estimate();
    return headroomOf(usage, quota);
  } catch {
    return headroomOf(undefined, undefined);
  }
}

const PERSISTENCE_KEY = 'kusanya.storagePersistence';

/** Asks the browser to keep this app's data even when space runs low; remembers the answer. */
export async function requestPersistence(storage: Storage = localStorage): Promise<Persistence> {
  let result: Persistence = 'unsupported';
  if (typeof navigator !== 'undefined' && navigator.storage?.persist) {
    try {
      result = (await navigator.storage.persisted()) || (await navigator.storage.persist()) ? 'granted' : 'denied';
    } catch {
      result = 'unsupported';
    }
  }
  storage.setItem(PERSISTENCE_KEY, JSON.stringify({ result, at: new Date().toISOString() }));
  return result;
}

/** The last answer to requestPersistence, if any. */
export function lastPersistence(storage: Storage = localStorage): { result: Persistence; at: string } | null {
  try {
    const value = JSON.parse(storage.getItem(PERSISTENCE_KEY) ?? 'null') as { result: Persistence; at: string } | null;
    return value && ['granted', 'denied', 'unsupported'].includes(value.result) ? value : null;
  } catch {
    return null;
  }
}

/**
 * A byte-size formatter for `locale` ("1.2 MB"). Making the number formats is the slow part (each one loads
 * locale data): a screen that shows sizes often (the sync bar, during a sync) makes one and keeps it.
 */
export function createByteFormatter(locale = 'fr'): (bytes: number) => string {
  const formats = [0, 1, 2].map((digits) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }));
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  return (bytes) => {
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    const digits = unit >= 3 ? 2 : value < 10 && unit > 0 ? 1 : 0;
    return `${formats[digits]!.format(value)} ${units[unit]}`;
  };
}

/** "1.2 MB" (for a size shown once; see createByteFormatter). */
export function formatBytes(bytes: number, locale = 'fr'): string {
  return createByteFormatter(locale)(bytes);
}

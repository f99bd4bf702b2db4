/**
 * What a tablet needs from its connection to the server, checked from the browser itself: HTTPS (service workers,
 * offline login and installing the app need it), a certificate the tablet trusts (Chrome refuses to install a
 * service worker over a certificate it does not trust, even after a click-through), and a clock in time (a wrong
 * date makes the certificate look invalid and the tablet's records carry wrong times).
 */
export type CheckState = 'ok' | 'problem' | 'unknown';

export interface ConnectionCheck {
  https: CheckState;
  /** localhost is a secure context on this computer only: tablets cannot use that address. */
  localhost: boolean;
  certificate: CheckState;
  clock: CheckState;
  /** This device's clock minus the server's, in seconds (null: the server did not answer). */
  clockOffsetSeconds: number | null;
  server: CheckState;
}

/** More than this apart and the clock is called wrong (certificates and records need the right date and time). */
export const CLOCK_TOLERANCE_SECONDS = 120;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The server's clock against this device's: half the round trip is taken as the answer's travel time. */
export async function measureClock(
  fetcher: typeof fetch = fetch,
  now: () => number = Date.now,
): Promise<number | null> {
  try {
    const sent = now();
    const response = await fetcher('/api/health', { cache: 'no-store' });
    const received = now();
    if (!response.ok) return null;
    const { time } = (await response.json()) as { time?: string };
    const server = time ? Date.parse(time) : NaN;
    if (Number.isNaN(server)) return null;
    return Math.round((received - (received - sent) / 2 - server) / 1000);
  } catch {
    return null;
  }
}

/** Whether a service worker controls (or has registered for) this page: proof that the certificate is trusted. */
async function serviceWorkerRegistered(timeoutMs: number): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  if (navigator.serviceWorker.controller) return true;
  const ready = navigator.serviceWorker.ready.then(() => true);
  const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs));
  return Promise.race([ready, late]);
}

export async function checkConnection(options: { serviceWorkerTimeoutMs?: number } = {}): Promise<ConnectionCheck> {
  const localhost = LOCAL_HOSTS.has(location.hostname);
  const https = location.protocol === 'https:';
  const [offset, registered] = await Promise.all([
    measureClock(),
    window.isSecureContext ? serviceWorkerRegistered(options.serviceWorkerTimeoutMs ?? 10_000) : Promise.resolve(false),
  ]);
  return {
    https: https ? 'ok' : 'problem',
    localhost,
    certificate: !https ? 'unknown' : registered ? 'ok' : 'problem',
    clock: offset === null ? 'unknown' : Math.abs(offset) <= CLOCK_TOLERANCE_SECONDS ? 'ok' : 'problem',
    clockOffsetSeconds: offset,
    server: offset === null ? 'problem' : 'ok',
  };
}

import type { User } from '@kusanya/schemas';
import { apiRequest } from '../api/http.js';
import {
  createKeyring,
  newDatabaseKey,
  unwrapWithDeviceKey,
  unwrapWithPassword,
  wrapWithDeviceKey,
  wrapWithPassword,
  type Keyring,
  type PasswordWrappedKey,
} from './keyring.js';

/** The database key could not be recovered (password changed and the escrow unreachable). Nothing was deleted. */
export class KeyLostError extends Error {
  override name = 'KeyLostError';
}

/** This user's escrowed device key, or null when the server cannot be asked now. */
async function fetchDeviceKey(token: string): Promise<string | null> {
  try {
    const body = await apiRequest<{ key?: unknown }>('/api/auth/device-key', { method: 'POST', token });
    return typeof body?.key === 'string' ? body.key : null;
  } catch {
    return null;
  }
}

/**
 * What the password alone gives, worked out while the server checks it (key derivation is slow on purpose, about
 * as slow as the round trip): with a keyring on this device, the key it unwraps (or null); without, a new key
 * already wrapped with the password. Used only once the server accepted the password.
 */
export interface PreparedUnlock {
  ring: Keyring | undefined;
  unwrapped?: Promise<Uint8Array | null>;
  fresh?: { key: Uint8Array; byPassword: Promise<PasswordWrappedKey> };
}

export function prepareUnlock(password: string, ring: Keyring | undefined): PreparedUnlock {
  const quiet = <T>(promise: Promise<T>) => {
    promise.catch(() => undefined); // awaited (or dropped, if the server refuses the password) later
    return promise;
  };
  if (ring) return { ring, unwrapped: quiet(unwrapWithPassword(ring, password)) };
  const key = newDatabaseKey();
  return { ring, fresh: { key, byPassword: quiet(wrapWithPassword(key, password)) } };
}

/**
 * After an online login (the server accepted the password): the database key, and the keyring to store.
 * A first login creates the key. If the password no longer unwraps it (an administrator reset it), the
 * escrowed device key does, and the key is re-wrapped with the new password. Otherwise KeyLostError.
 * `prepared` is the work `prepareUnlock` started for this keyring, if any.
 */
export async function keyAfterOnlineLogin(
  user: User,
  token: string,
  password: string,
  ring: Keyring | undefined,
  prepared?: PreparedUnlock,
): Promise<{ key: Uint8Array; ring: Keyring }> {
  const same = prepared && prepared.ring?.byPassword.data === ring?.byPassword.data;
  const ahead = same ? prepared : prepareUnlock(password, ring);
  let deviceKey: string | null | undefined;
  const escrow = async () => (deviceKey === undefined ? (deviceKey = await fetchDeviceKey(token)) : deviceKey);
  if (!ring) {
    const { key, byPassword } = ahead.fresh!;
    const fromServer = await escrow();
    return {
      key,
      ring: {
        version: 1,
        byPassword: await byPassword,
        ...(fromServer ? { byDevice: await wrapWithDeviceKey(key, fromServer) } : {}),
      },
    };
  }
  let key = await ahead.unwrapped!;
  let next = ring;
  if (!key) {
    const fromServer = await escrow();
    key = fromServer ? await unwrapWithDeviceKey(ring, fromServer) : null;
    if (!key) throw new KeyLostError(`The key of ${user.username}'s records on this device could not be recovered`);
    next = { ...next, byPassword: await wrapWithPassword(key, password) };
  }
  if (!next.byDevice) {
    const fromServer = await escrow();
    if (fromServer) next = { ...next, byDevice: await wrapWithDeviceKey(key, fromServer) };
  }
  return { key, ring: next };
}

/** Offline: the key from the password alone (null if it is not the right password). Earlier accounts get a keyring now. */
export async function keyOffline(
  password: string,
  ring: Keyring | undefined,
): Promise<{ key: Uint8Array; ring: Keyring } | null> {
  if (!ring) {
    const key = newDatabaseKey();
    return { key, ring: await createKeyring(key, password, null) };
  }
  const key = await unwrapWithPassword(ring, password);
  return key ? { key, ring } : null;
}

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
 * After an online login (the server accepted the password): the database key, and the keyring to store.
 * A first login creates the key. If the password no longer unwraps it (an administrator reset it), the
 * escrowed device key does, and the key is re-wrapped with the new password. Otherwise KeyLostError.
 */
export async function keyAfterOnlineLogin(
  user: User,
  token: string,
  password: string,
  ring: Keyring | undefined,
): Promise<{ key: Uint8Array; ring: Keyring }> {
  let deviceKey: string | null | undefined;
  const escrow = async () => (deviceKey === undefined ? (deviceKey = await fetchDeviceKey(token)) : deviceKey);
  if (!ring) {
    const key = newDatabaseKey();
    return { key, ring: await createKeyring(key, password, await escrow()) };
  }
  let key = await unwrapWithPassword(ring, password);
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

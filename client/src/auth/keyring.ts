/**
 * The key of a user's local database (on-device encryption at rest).
 *
 * Each user's database on this device is encrypted with a random 256-bit key (the "database key"). The key
 * itself is stored only wrapped (AES-GCM):
 *  - with a key derived from the user's password (PBKDF2-SHA-256, 310,000 iterations): what offline unlock
 *    uses, so a lost tablet's data needs the password;
 *  - with a per-device key escrowed on the server (`POST /api/auth/device-key`), released only to a live
 *    session of this user on this device: after an administrator resets a forgotten password, the next
 *    online login re-wraps the key with the new password, so unsynced records are never lost. Revoking the
 *    device (a lost tablet) makes the escrow unreachable.
 * A wrong password only fails to unwrap (AES-GCM authentication): nothing is ever deleted or overwritten.
 */
export interface WrappedKey {
  iv: string;
  data: string;
}

export interface PasswordWrappedKey extends WrappedKey {
  salt: string;
  iterations: number;
}

export interface Keyring {
  version: 1;
  byPassword: PasswordWrappedKey;
  byDevice?: WrappedKey;
}

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; ~0.3–1 s on a cheap tablet, once per login or unlock. */
export const KEYRING_ITERATIONS = 310_000;

const toB64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const fromB64url = (text: string) =>
  fromB64(
    text
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(text.length / 4) * 4, '='),
  );

/** A new random database key. */
export function newDatabaseKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

/** The database key as the password RxDB's encryption plugin takes (64 hex characters). */
export function databasePassword(key: Uint8Array): string {
  return Array.from(key, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function passwordKey(password: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const aesKey = (raw: Uint8Array) =>
  crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);

async function wrap(key: Uint8Array, with_: CryptoKey): Promise<WrappedKey> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return {
    iv: toB64(iv),
    data: toB64(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource }, with_, key as BufferSource)),
  };
}

async function unwrap(wrapped: WrappedKey, with_: CryptoKey): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromB64(wrapped.iv) as BufferSource },
        with_,
        fromB64(wrapped.data) as BufferSource,
      ),
    );
  } catch {
    return null; // wrong key: AES-GCM authentication failed
  }
}

/** Wraps the database key with the password (a new salt each time). */
export async function wrapWithPassword(
  key: Uint8Array,
  password: string,
  iterations = KEYRING_ITERATIONS,
): Promise<PasswordWrappedKey> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toB64(salt), iterations, ...(await wrap(key, await passwordKey(password, salt, iterations))) };
}

/** The database key, or null when the password is not the one it was wrapped with. */
export async function unwrapWithPassword(ring: Keyring, password: string): Promise<Uint8Array | null> {
  const { salt, iterations } = ring.byPassword;
  return unwrap(ring.byPassword, await passwordKey(password, fromB64(salt), iterations));
}

/** Wraps the database key with the server-escrowed device key (base64url, 32 bytes). */
export async function wrapWithDeviceKey(key: Uint8Array, deviceKey: string): Promise<WrappedKey> {
  return wrap(key, await aesKey(fromB64url(deviceKey)));
}

export async function unwrapWithDeviceKey(ring: Keyring, deviceKey: string): Promise<Uint8Array | null> {
  return ring.byDevice ? unwrap(ring.byDevice, await aesKey(fromB64url(deviceKey))) : null;
}

/** A new keyring for a new database key, wrapped with the password (and the device key when known). */
export async function createKeyring(
  key: Uint8Array,
  password: string,
  deviceKey: string | null,
  iterations = KEYRING_ITERATIONS,
): Promise<Keyring> {
  return {
    version: 1,
    byPassword: await wrapWithPassword(key, password, iterations),
    ...(deviceKey ? { byDevice: await wrapWithDeviceKey(key, deviceKey) } : {}),
  };
}

/**
 * Where an unlocked key lives while the app is open: sessionStorage, i.e. this tab (or installed app window)
 * only, until it is closed or the user logs out. A reload (an app update, Android restoring an evicted tab)
 * does not ask for the password again; closing the app locks the data.
 */
export class UnlockedKeys {
  constructor(private readonly storage: Storage = sessionStorage) {}

  private key = (userId: string) => `kusanya.unlocked.${userId}`;

  get(userId: string): string | null {
    const value = this.storage.getItem(this.key(userId));
    return value && /^[0-9a-f]{64}$/.test(value) ? value : null;
  }

  set(userId: string, databasePassword: string): void {
    this.storage.setItem(this.key(userId), databasePassword);
  }

  forget(userId: string): void {
    this.storage.removeItem(this.key(userId));
  }
}

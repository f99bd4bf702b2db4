/**
 * Offline login: a PBKDF2 verifier of the password is kept on the device (never the password),
 * so a user who logged in here before can log in again without a connection.
 */
export interface PasswordVerifier {
  salt: string;
  iterations: number;
  hash: string;
}

const ITERATIONS = 150_000;
const toB64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  return crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
}

export async function createVerifier(password: string): Promise<PasswordVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toB64(salt), iterations: ITERATIONS, hash: toB64(await derive(password, salt, ITERATIONS)) };
}

export async function checkVerifier(password: string, verifier: PasswordVerifier): Promise<boolean> {
  const actual = toB64(await derive(password, fromB64(verifier.salt), verifier.iterations));
  // Constant-time comparison of equal-length strings.
  let diff = actual.length ^ verifier.hash.length;
  for (let i = 0; i < Math.min(actual.length, verifier.hash.length); i++)
    diff |= actual.charCodeAt(i) ^ verifier.hash.charCodeAt(i);
  return diff === 0;
}

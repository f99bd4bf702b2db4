/**
 * Base64 for ciphertexts kept in IndexedDB documents. Browsers that have the built-in conversion
 * (`Uint8Array.prototype.toBase64`, `Uint8Array.fromBase64`) use it: native code, no intermediate string per byte;
 * others (and Node 20 in tests) go through `btoa`/`atob` in slices.
 */
type NativeBase64 = { toBase64?: (this: Uint8Array) => string };
type NativeFromBase64 = { fromBase64?: (text: string) => Uint8Array };

const SLICE = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  const native = (Uint8Array.prototype as NativeBase64).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const native = (Uint8Array as NativeFromBase64).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

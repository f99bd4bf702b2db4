/**
 * Encryption at rest of what the tablet keeps (DESIGN.md §6; README "On the tablet"): AES-256-GCM with the
 * browser's WebCrypto, keyed by the user's database key (auth/keyring.ts — a random key wrapped by the password
 * key and by the server-escrowed device key).
 *
 * WebCrypto runs the cipher itself off the main thread and answers asynchronously; what stays on the main thread
 * is serialising the values and the base64 text, so callers hand over whole batches (`sealAll`, `openAll`) and
 * never wait on one record at a time. Every ciphertext is bound to where it belongs (`aad`: e.g. the collection
 * and the document id), so a ciphertext moved to another record does not open.
 *
 * Stored form of a sealed value: `"g1:" + base64(iv ‖ ciphertext ‖ tag)` (12-byte random IV, 16-byte tag), or
 * `"z1:" + …` when the JSON was deflated before encryption (`{ compress: true }`: many records sealed together,
 * e.g. a page of households, take a fifth of the room).
 * Binary content (photos and other media, issue 15) uses `sealBytes`/`openBytes`: the same construction on bytes,
 * without base64, for storing as a Blob.
 *
 * Sealing a page of households is mostly not the cipher: it is encoding the JSON, deflating it and the base64 text.
 * A cipher made with a `TextSealer` (crypto/worker-sealer.ts) hands that whole step to a worker thread, JSON text
 * in and sealed text out; the main thread keeps only `JSON.stringify` and `JSON.parse`.
 */
import { fromBase64, toBase64 } from './base64.js';
import { inThreadCompressor, type Compressor } from './compressor.js';

const PREFIX = 'g1:';
const COMPRESSED = 'z1:';
const IV_BYTES = 12;

/** A ciphertext did not open: wrong key, altered, or moved from another record. Nothing was changed. */
export class SealBrokenError extends Error {
  override name = 'SealBrokenError';
}

export interface Sealable {
  /** What the ciphertext is bound to (authenticated, not encrypted): e.g. `households/0193…`. */
  aad: string;
  value: unknown;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A 64-character hex database key (as the session keeps it) as bytes. */
export function keyBytesFromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('A database key is 64 hexadecimal characters');
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Seals JSON text and opens sealed text back to JSON text (the same format as `RecordCipher`'s, elsewhere). */
export interface TextSealer {
  sealText(json: string, aad: string, compress: boolean): Promise<string>;
  openText(text: string, aad: string): Promise<string>;
}

export class RecordCipher implements TextSealer {
  /** Where `seal` and `open` do their work (this cipher itself unless `offload` was given). */
  private sealer: TextSealer = this;

  private constructor(
    /** The key, for a worker to seal with (a CryptoKey can be handed to a worker, never read). */
    readonly key: CryptoKey,
    private readonly compressor: Compressor,
  ) {}

  /** Seals and opens through `sealer` from now on (e.g. a worker; it falls back to this cipher itself). */
  offload(sealer: TextSealer): this {
    this.sealer = sealer;
    return this;
  }

  /**
   * A cipher for a 256-bit database key; the key object cannot be read back out of WebCrypto. `compressor` deflates
   * what is sealed with `compress` (default: in this thread; the app passes a worker's).
   */
  static async fromKey(
    raw: Uint8Array<ArrayBuffer>,
    compressor: Compressor = inThreadCompressor,
  ): Promise<RecordCipher> {
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    return RecordCipher.fromCryptoKey(key, compressor);
  }

  /** A cipher for a key already imported (e.g. handed to a worker). */
  static fromCryptoKey(key: CryptoKey, compressor: Compressor = inThreadCompressor): RecordCipher {
    return new RecordCipher(key, compressor);
  }

  static async fromHex(hex: string, compressor?: Compressor): Promise<RecordCipher> {
    return RecordCipher.fromKey(keyBytesFromHex(hex), compressor);
  }

  /** Encrypts bytes bound to `aad`: IV ‖ ciphertext ‖ tag. */
  async sealBytes(bytes: Uint8Array<ArrayBuffer>, aad: string): Promise<Uint8Array<ArrayBuffer>> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(aad) },
      this.key,
      bytes,
    );
    const out = new Uint8Array(IV_BYTES + sealed.byteLength);
    out.set(iv);
    out.set(new Uint8Array(sealed), IV_BYTES);
    return out;
  }

  /** The bytes `sealBytes` sealed with the same `aad`; SealBrokenError otherwise. */
  async openBytes(sealed: Uint8Array<ArrayBuffer>, aad: string): Promise<Uint8Array<ArrayBuffer>> {
    try {
      return new Uint8Array(
        await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: sealed.subarray(0, IV_BYTES), additionalData: encoder.encode(aad) },
          this.key,
          sealed.subarray(IV_BYTES),
        ),
      );
    } catch {
      throw new SealBrokenError(`Encrypted content of ${aad} does not open with this key`);
    }
  }

  /** A JSON value as sealed text (deflated first with `compress`). */
  seal(value: unknown, aad: string, options: { compress?: boolean } = {}): Promise<string> {
    return this.sealer.sealText(JSON.stringify(value), aad, options.compress ?? false);
  }

  async open(text: string, aad: string): Promise<unknown> {
    return JSON.parse(await this.sealer.openText(text, aad)) as unknown;
  }

  /** JSON text as sealed text, in this thread. */
  async sealText(json: string, aad: string, compress: boolean): Promise<string> {
    const bytes = encoder.encode(json);
    if (!compress) return PREFIX + toBase64(await this.sealBytes(bytes, aad));
    const deflated = await this.compressor.deflate(bytes);
    return COMPRESSED + toBase64(await this.sealBytes(deflated, aad));
  }

  /** Sealed text back to its JSON text, in this thread. */
  async openText(text: string, aad: string): Promise<string> {
    const compressed = text.startsWith(COMPRESSED);
    if (!compressed && !text.startsWith(PREFIX)) throw new SealBrokenError(`${aad} is not in a known encrypted format`);
    const bytes = fromBase64(text.slice(PREFIX.length)) as Uint8Array<ArrayBuffer>;
    const opened = await this.openBytes(bytes, aad);
    return decoder.decode(compressed ? await this.compressor.inflate(opened) : opened);
  }

  /** Seals a batch at once (WebCrypto works on them in parallel, off the main thread). */
  sealAll(items: readonly Sealable[]): Promise<string[]> {
    return Promise.all(items.map((item) => this.seal(item.value, item.aad)));
  }

  openAll(items: readonly { aad: string; text: string }[]): Promise<unknown[]> {
    return Promise.all(items.map((item) => this.open(item.text, item.aad)));
  }
}

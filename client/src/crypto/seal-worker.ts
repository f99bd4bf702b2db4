/// <reference lib="webworker" />
/**
 * The sealing worker (worker-sealer.ts `WorkerSealer`): seals JSON text and opens sealed text with the database key
 * it is given first, off the main thread.
 */
import { RecordCipher, SealBrokenError } from './record-cipher.js';
import type { SealAnswer, SealRequest } from './worker-sealer.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let cipher: RecordCipher | null = null;

scope.onmessage = async ({ data }: MessageEvent<SealRequest>) => {
  if (data.op === 'key') {
    cipher = RecordCipher.fromCryptoKey(data.key);
    return;
  }
  try {
    if (!cipher) throw new Error('the sealing worker has no key');
    const text =
      data.op === 'seal'
        ? await cipher.sealText(data.text, data.aad, data.compress)
        : await cipher.openText(data.text, data.aad);
    scope.postMessage({ id: data.id, text } satisfies SealAnswer);
  } catch (error) {
    const broken = error instanceof SealBrokenError;
    scope.postMessage({ id: data.id, error: (error as Error).message, broken } satisfies SealAnswer);
  }
};

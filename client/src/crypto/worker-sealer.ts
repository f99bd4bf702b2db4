/**
 * Sealing and opening on a worker thread (record-cipher.ts `offload`): the main thread hands over JSON text and gets
 * sealed text back (and the reverse), while encoding, deflating, the cipher and base64 run on the worker
 * (seal-worker.ts). The worker is given the database key once, as a CryptoKey (it cannot be read out of it).
 * If the worker cannot start or fails, this and every later call run in this thread instead, unanswered calls
 * included: the same format either way.
 */
import { SealBrokenError, type RecordCipher, type TextSealer } from './record-cipher.js';

export type SealRequest =
  | { op: 'key'; key: CryptoKey }
  | { id: number; op: 'seal'; text: string; aad: string; compress: boolean }
  | { id: number; op: 'open'; text: string; aad: string };
export type SealAnswer = { id: number; text?: string; error?: string; broken?: boolean };

type Call = Extract<SealRequest, { id: number }>;

export class WorkerSealer implements TextSealer {
  private worker: Worker | null;
  private next = 1;
  private readonly waiting = new Map<number, { call: Call; resolve(text: string): void; reject(e: Error): void }>();

  /** `inThread` does the work when there is no worker (the cipher whose key the worker is given). */
  constructor(
    start: () => Worker,
    private readonly inThread: RecordCipher,
  ) {
    try {
      this.worker = start();
      this.worker.onmessage = ({ data }: MessageEvent<SealAnswer>) => {
        const waiting = this.waiting.get(data.id);
        this.waiting.delete(data.id);
        if (data.text !== undefined) waiting?.resolve(data.text);
        else {
          const message = data.error ?? 'sealing failed';
          waiting?.reject(data.broken ? new SealBrokenError(message) : new Error(message));
        }
      };
      this.worker.onerror = () => this.fallBack();
      this.worker.postMessage({ op: 'key', key: inThread.key } satisfies SealRequest);
    } catch {
      this.worker = null;
    }
  }

  sealText(json: string, aad: string, compress: boolean): Promise<string> {
    return this.run({ id: this.next++, op: 'seal', text: json, aad, compress });
  }

  openText(text: string, aad: string): Promise<string> {
    return this.run({ id: this.next++, op: 'open', text, aad });
  }

  terminate(): void {
    this.worker?.terminate();
    this.fallBack();
  }

  private run(call: Call): Promise<string> {
    if (!this.worker) return this.here(call);
    const answer = new Promise<string>((resolve, reject) => this.waiting.set(call.id, { call, resolve, reject }));
    this.worker.postMessage(call satisfies SealRequest);
    return answer;
  }

  private here(call: Call): Promise<string> {
    return call.op === 'seal'
      ? this.inThread.sealText(call.text, call.aad, call.compress)
      : this.inThread.openText(call.text, call.aad);
  }

  /** The worker is gone: what it had not answered is done here, and so is everything after. */
  private fallBack(): void {
    this.worker = null;
    for (const [id, waiting] of this.waiting) {
      this.waiting.delete(id);
      this.here(waiting.call).then(waiting.resolve, waiting.reject);
    }
  }
}

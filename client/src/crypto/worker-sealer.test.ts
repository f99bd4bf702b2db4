import { describe, expect, it } from 'vitest';
import { databasePassword, newDatabaseKey } from '../auth/keyring.js';
import { RecordCipher, SealBrokenError } from './record-cipher.js';
import { WorkerSealer, type SealAnswer, type SealRequest } from './worker-sealer.js';

const households = Array.from({ length: 100 }, (_, i) => ({
  id: `h${i}`,
  members: [{ first_name: 'Aline', last_name: 'Ndayishimiyé' }],
}));

/**
 * A stand-in for seal-worker.ts: keeps the key it is sent and answers with a cipher of its own made from it, or
 * stops (`fail`) without answering.
 */
function fakeWorker(behaviour: 'answer' | 'fail') {
  let cipher: RecordCipher | null = null;
  const worker = {
    onmessage: null as ((e: { data: SealAnswer }) => void) | null,
    onerror: null as (() => void) | null,
    received: 0,
    postMessage(request: SealRequest) {
      if (request.op === 'key') {
        cipher = RecordCipher.fromCryptoKey(request.key);
        return;
      }
      worker.received++;
      if (behaviour === 'fail') return void setTimeout(() => worker.onerror?.(), 0);
      const work =
        request.op === 'seal'
          ? cipher!.sealText(request.text, request.aad, request.compress)
          : cipher!.openText(request.text, request.aad);
      void work.then(
        (text) => worker.onmessage?.({ data: { id: request.id, text } }),
        (e: Error) =>
          worker.onmessage?.({ data: { id: request.id, error: e.message, broken: e instanceof SealBrokenError } }),
      );
    },
    terminate() {},
  };
  return worker;
}

const cipher = () => RecordCipher.fromHex(databasePassword(newDatabaseKey()));

describe('WorkerSealer', () => {
  it("seals on the worker in the main thread's format, and opens there what the main thread sealed", async () => {
    const plain = await cipher();
    const worker = fakeWorker('answer');
    const offloaded = (await RecordCipher.fromCryptoKey(plain.key)).offload(
      new WorkerSealer(() => worker as unknown as Worker, plain),
    );
    const onWorker = await offloaded.seal(households, 'householdPages/p1/households', { compress: true });
    expect(onWorker).toMatch(/^z1:/);
    expect(onWorker).not.toContain('Aline');
    expect(await plain.open(onWorker, 'householdPages/p1/households')).toEqual(households);
    const inThread = await plain.seal(households, 'householdPages/p2/households', { compress: true });
    expect(await offloaded.open(inThread, 'householdPages/p2/households')).toEqual(households);
    expect(worker.received).toBe(2);
    // A text moved to another page does not open there either.
    await expect(offloaded.open(inThread, 'householdPages/p1/households')).rejects.toThrow(SealBrokenError);
  });

  it('does the work in this thread when the worker cannot start or stops, unanswered calls included', async () => {
    const plain = await cipher();
    const none = plain.offload(
      new WorkerSealer(() => {
        throw new Error('no workers here');
      }, plain),
    );
    expect(await none.open(await none.seal(households, 'a', { compress: true }), 'a')).toEqual(households);
    const failing = fakeWorker('fail');
    const other = await cipher();
    const sealer = new WorkerSealer(() => failing as unknown as Worker, other);
    const offloaded = RecordCipher.fromCryptoKey(other.key).offload(sealer);
    expect(await offloaded.open(await offloaded.seal(households, 'b', { compress: true }), 'b')).toEqual(households);
    expect(failing.received).toBe(1); // after it stopped, nothing more was sent to it
  });
});

import { describe, expect, it } from 'vitest';
import { inThreadCompressor, WorkerCompressor, type CompressAnswer, type CompressRequest } from './compressor.js';

const text = new TextEncoder().encode('Ndayishimiye '.repeat(500));

/** A stand-in for the worker: answers through the in-thread compressor, or stops (`fail`) without answering. */
function fakeWorker(behaviour: 'answer' | 'fail') {
  const worker = {
    onmessage: null as ((e: { data: CompressAnswer }) => void) | null,
    onerror: null as (() => void) | null,
    received: 0,
    postMessage(request: CompressRequest) {
      worker.received++;
      if (behaviour === 'fail') setTimeout(() => worker.onerror?.(), 0);
      else
        void inThreadCompressor[request.op](request.bytes).then((bytes) =>
          worker.onmessage?.({ data: { id: request.id, bytes } }),
        );
    },
    terminate() {},
  };
  return worker;
}

describe('WorkerCompressor', () => {
  it('deflates on the worker in the format the main thread inflates, leaving the caller its bytes', async () => {
    const worker = fakeWorker('answer');
    const compressor = new WorkerCompressor(() => worker as unknown as Worker);
    const deflated = await compressor.deflate(text);
    expect(worker.received).toBe(1);
    expect(deflated.byteLength).toBeLessThan(text.byteLength / 10);
    expect(text.byteLength).toBe('Ndayishimiye '.length * 500); // not handed over: still usable
    expect(await inThreadCompressor.inflate(deflated)).toEqual(text);
  });

  it('does the work in this thread when the worker cannot start or stops, unanswered calls included', async () => {
    const none = new WorkerCompressor(() => {
      throw new Error('no workers here');
    });
    expect(await none.inflate(await none.deflate(text))).toEqual(text);
    const failing = fakeWorker('fail');
    const compressor = new WorkerCompressor(() => failing as unknown as Worker);
    expect(await compressor.inflate(await compressor.deflate(text))).toEqual(text);
    expect(failing.received).toBe(1); // after it stopped, nothing more was sent to it
  });
});

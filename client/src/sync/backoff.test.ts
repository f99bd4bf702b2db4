import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('doubles the wait up to the cap and starts again after a success', () => {
    const b = new Backoff(1000, 8000, () => 1);
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([1000, 2000, 4000, 8000, 8000]);
    b.reset();
    expect(b.next()).toBe(1000);
  });

  it('randomises each wait between half and all of the ceiling', () => {
    const low = new Backoff(1000, 60_000, () => 0);
    expect([low.next(), low.next()]).toEqual([500, 1000]);
  });
});

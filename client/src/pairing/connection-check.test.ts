import { describe, expect, it } from 'vitest';
import { measureClock } from './connection-check.js';

const answer = (time: string) => (async () => new Response(JSON.stringify({ status: 'ok', time }))) as typeof fetch;

describe('measureClock', () => {
  it("gives this device's clock minus the server's, counting half the round trip as travel", async () => {
    let t = Date.parse('2026-12-06T10:00:00.000Z');
    const now = () => {
      const value = t;
      t += 2_000; // the answer takes 2 s to come back
      return value;
    };
    // The server answered at 09:55:01, halfway through: this tablet is 5 minutes ahead.
    expect(await measureClock(answer('2026-12-06T09:55:01.000Z'), now)).toBe(300);
  });

  it('says nothing when the server does not answer or answers without its time', async () => {
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await measureClock(down)).toBeNull();
    expect(await measureClock((async () => new Response('{}')) as typeof fetch)).toBeNull();
  });
});

/** A small seeded generator (mulberry32), so a synthetic registry can be generated again identically. */
export class Random {
  private current: number;

  constructor(seed: number) {
    this.current = seed >>> 0;
  }

  /** Where the sequence stands: `new Random(r.state)` continues it exactly (on another thread, say). */
  get state(): number {
    return this.current;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.current = (this.current + 0x6d2b79f5) >>> 0;
    let t = this.current;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the items, with the given weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A UUIDv7 for a synthetic record created at `ms`: the time in the first 48 bits (as a device would
 * write it), the rest from the seeded generator. Much faster than drawing from the system's random source,
 * which matters for millions of records.
 */
export function syntheticUuid(rng: Random, ms: number): string {
  const b = new Array<number>(16);
  let t = Math.floor(ms);
  for (let i = 5; i >= 0; i -= 1) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  const r1 = Math.floor(rng.next() * 4294967296);
  const r2 = Math.floor(rng.next() * 4294967296);
  const r3 = Math.floor(rng.next() * 4294967296);
  b[6] = 0x70 | ((r1 >>> 24) & 0x0f);
  b[7] = (r1 >>> 16) & 0xff;
  b[8] = 0x80 | ((r1 >>> 8) & 0x3f);
  b[9] = r1 & 0xff;
  for (let i = 0; i < 4; i += 1) b[10 + i] = (r2 >>> (24 - 8 * i)) & 0xff;
  b[14] = (r3 >>> 24) & 0xff;
  b[15] = (r3 >>> 16) & 0xff;
  const h = b.map((x) => HEX[x]!);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
}

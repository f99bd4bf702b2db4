import { describe, expect, it } from 'vitest';
import { STAGED_TABLES } from '@kusanya/server/repositories/bulk-staging';
import { Random } from './random.js';
import { input, run } from './test-input.js';

describe('synthetic registry rows', () => {
  it('are the same for the same seed, and different for another', () => {
    const first = run(input(1000, 10));
    expect(run(input(1000, 10))).toEqual(first);
    const other = run(input(1000, 10, { rngState: new Random(12).state }));
    expect(other.chunks[0]!.rows.households).not.toEqual(first.chunks[0]!.rows.households);
    expect(first.end.stats).toMatchObject({ households: 1000 });
    expect(first.end.stats.individuals).toBeGreaterThan(3500);
  });

  it('come in chunks that close a transaction at every batch of households and at the end of each phase', () => {
    const { chunks } = run(input(1000, 10));
    const households = chunks.filter((c) => c.phase === 'households');
    expect(households.filter((c) => c.endsBatch).map((c) => c.done)).toEqual([400, 800, 1000]);
    expect(
      households.map((c) => c.rows.households.length / STAGED_TABLES.households.bound.length).reduce((a, b) => a + b),
    ).toBe(1000);
    const reports = chunks.filter((c) => c.phase === 'indicator reports');
    expect(reports.at(-1)).toMatchObject({ done: 10, total: 10, endsBatch: true });
    expect(reports.flatMap((c) => c.rows.submissions).length).toBeGreaterThan(0);
  });

  it('continue the registry: sequences, national IDs and code counters from where they stand', () => {
    const { chunks, end } = run(
      input(300, 3, {
        start: {
          householdSeq: 41,
          submissionSeq: 90,
          nationalId: 500,
          codeCounters: [{ year: 2026, province: 'P01', last: 7 }],
          ticketCounters: [],
        },
      }),
    );
    const { households, submissions } = chunks[0]!.rows;
    const width = STAGED_TABLES.households.bound.length;
    expect(households[STAGED_TABLES.households.bound.indexOf('seq')]).toBe(42);
    expect(submissions[STAGED_TABLES.submissions.bound.indexOf('seq')]).toBe(91);
    const codes = households.filter((_, i) => i % width === STAGED_TABLES.households.bound.indexOf('code')) as string[];
    expect(new Set(codes).size).toBe(codes.length);
    const p01 = end.codeCounters.find((c) => c.year === 2026 && c.province === 'P01');
    if (p01) expect(p01.last).toBeGreaterThan(7);
  });
});

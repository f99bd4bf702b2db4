import { quarterOf, quartersBetween } from '@kusanya/server/domain/monitoring/measures';
import type { BulkRows } from '@kusanya/server/repositories/bulk-rows';
import { householdRows } from './household-rows.js';
import { reportRows } from './report-rows.js';
import { DAY, iso, rowContext, type GeneratorEnd, type GeneratorInput } from './row-context.js';

/** Households per chunk: rows are handed over in small chunks, so they never outlive the young generation. */
const CHUNK_HOUSEHOLDS = 250;
/** Collines per chunk of indicator reports, and per transaction. */
const CHUNK_COLLINES = 50;
const REPORT_BATCH_COLLINES = 1000;

export interface RowChunk {
  phase: 'households' | 'indicator reports';
  /** Progress once the chunk is written: households or collines done, of `total`. */
  done: number;
  total: number;
  rows: BulkRows;
  /** The last chunk of a batch: the batch is written in one transaction. */
  endsBatch: boolean;
}

/** The quarters of the synthetic period (reports are made for each; targets are set for each). */
export const periodQuarters = (from: number, until: number) =>
  quartersBetween(quarterOf(iso(from).slice(0, 10)), quarterOf(iso(until).slice(0, 10)));

/**
 * The synthetic registry as chunks of rows, grouped into batches (one transaction each): households
 * colline after colline (each colline registered in a campaign, the campaigns spread over the period),
 * `input.batch` per batch, then the indicator reports of every colline with households. Pure and
 * deterministic: the same input gives the same rows. Returns the generator's state and counters at the end.
 */
export function* syntheticChunks(input: GeneratorInput): Generator<RowChunk, GeneratorEnd, void> {
  const ctx = rowContext(input);
  const { places, households: total } = input;
  const span = input.until - input.from;
  for (let first = 0; first < total;) {
    const batchEnd = Math.min(total, (Math.floor(first / input.batch) + 1) * input.batch);
    const last = Math.min(batchEnd, first + CHUNK_HOUSEHOLDS);
    for (let i = first; i < last; i += 1) {
      const ci = Math.floor((i * places.length) / total);
      householdRows(ctx, i, places[ci]!, input.from + (ci / places.length) * (span - 30 * DAY));
    }
    yield { phase: 'households', done: last, total, rows: ctx.takeRows(), endsBatch: last === batchEnd };
    first = last;
  }

  const quarters = periodQuarters(input.from, input.until);
  const perColline = (ci: number) =>
    Math.floor(((ci + 1) * total) / places.length) - Math.floor((ci * total) / places.length);
  for (let first = 0; first < places.length;) {
    const batchEnd = Math.min(places.length, (Math.floor(first / REPORT_BATCH_COLLINES) + 1) * REPORT_BATCH_COLLINES);
    const last = Math.min(batchEnd, first + CHUNK_COLLINES);
    for (let c = first; c < last; c += 1) reportRows(ctx, c, perColline(c), quarters);
    yield {
      phase: 'indicator reports',
      done: last,
      total: places.length,
      rows: ctx.takeRows(),
      endsBatch: last === batchEnd,
    };
    first = last;
  }
  return ctx.end();
}

import { quarterOf, quartersBetween } from '../../domain/monitoring/measures.js';
import type { SyntheticRows } from '../../repositories/synthetic-rows.js';
import { householdRows } from './household-rows.js';
import { reportRows } from './report-rows.js';
import { DAY, iso, rowContext, type GeneratorEnd, type GeneratorInput } from './row-context.js';

/** Collines per batch of indicator reports. */
const REPORT_COLLINES = 200;

export interface RowBatch {
  phase: 'households' | 'indicator reports';
  /** Progress once the batch is written: households or collines done, of `total`. */
  done: number;
  total: number;
  rows: SyntheticRows;
}

/** The quarters of the synthetic period (reports are made for each; targets are set for each). */
export const periodQuarters = (from: number, until: number) => quartersBetween(quarterOf(iso(from).slice(0, 10)), quarterOf(iso(until).slice(0, 10)));

/**
 * The synthetic registry as batches of rows, one transaction each: households colline after colline (each
 * colline registered in a campaign, the campaigns spread over the period), then the indicator reports of
 * every colline with households. Pure and deterministic: the same input gives the same rows. Returns the
 * generator's state and counters at the end.
 */
export function* syntheticBatches(input: GeneratorInput): Generator<RowBatch, GeneratorEnd, void> {
  const ctx = rowContext(input);
  const { places, households: total } = input;
  const span = input.until - input.from;
  for (let first = 0; first < total; first += input.batch) {
    const last = Math.min(total, first + input.batch);
    for (let i = first; i < last; i += 1) {
      const ci = Math.floor((i * places.length) / total);
      householdRows(ctx, i, places[ci]!, input.from + (ci / places.length) * (span - 30 * DAY));
    }
    yield { phase: 'households', done: last, total, rows: ctx.takeRows() };
  }

  const quarters = periodQuarters(input.from, input.until);
  const perColline = (ci: number) => Math.floor(((ci + 1) * total) / places.length) - Math.floor((ci * total) / places.length);
  for (let first = 0; first < places.length; first += REPORT_COLLINES) {
    const last = Math.min(places.length, first + REPORT_COLLINES);
    for (let c = first; c < last; c += 1) reportRows(ctx, c, perColline(c), quarters);
    yield { phase: 'indicator reports', done: last, total: places.length, rows: ctx.takeRows() };
  }
  return ctx.end();
}

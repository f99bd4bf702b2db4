import type { FormDefinition } from '@kusanya/schemas';
import { compileForm } from './compile.js';
import { sampleHousehold } from './household-sample.js';
import { validateAnswers } from './validate.js';

/**
 * Micro-benchmark of `validateAnswers` on a household submission, for `npm run bench`.
 *
 * `shared` cannot read files, so the caller passes the household survey definition, e.g.:
 *
 * ```ts
 * const imported = await importXlsform(await readFile('forms/household_survey.xlsx'));
 * if (imported.ok) console.log(await benchValidation(imported.definition));
 * ```
 *
 * The form is compiled once (as the server does per form version); each timed call validates
 * a fresh copy of a 10-member household in French.
 */

export interface ValidationBench {
  readonly validateMedianMs: number;
  readonly validateP95Ms: number;
  readonly iterations: number;
  readonly members: number;
  readonly errors: number;
}

export interface BenchOptions {
  readonly members?: number;
  readonly iterations?: number;
  readonly warmup?: number;
}

interface Clock {
  now(): number;
}

const clock: Clock = (globalThis as { performance?: Clock }).performance ?? Date;

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export async function benchValidation(household: FormDefinition, options: BenchOptions = {}): Promise<ValidationBench> {
  const members = options.members ?? 10;
  const iterations = options.iterations ?? 2000;
  const warmup = options.warmup ?? 500;
  const form = compileForm(household);
  const data = sampleHousehold(members);
  // The sample must be valid, or the benchmark would measure an error path.
  const errors = validateAnswers(form, data, 'fr').errors.length;

  for (let i = 0; i < warmup; i++) validateAnswers(form, data, 'fr');
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = clock.now();
    validateAnswers(form, data, 'fr');
    times.push(clock.now() - start);
    // Let other work run between batches when this is called from a busy process.
    if (i % 500 === 499) await Promise.resolve();
  }
  times.sort((a, b) => a - b);
  return {
    validateMedianMs: quantile(times, 0.5),
    validateP95Ms: quantile(times, 0.95),
    iterations,
    members,
    errors,
  };
}

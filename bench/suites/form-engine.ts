/**
 * form-engine: validation speed of the form engine, measured by `shared/src/form/bench.ts` (provided by the
 * form-engine work: an async function returning `{ validateMedianMs, validateP95Ms }`). This suite only
 * reports it; in a checkout without that file it is skipped.
 */
import { existsSync } from 'node:fs';
import { SkipSuite, type BenchSuite } from '../lib/types.js';

const MODULE = new URL('../../shared/src/form/bench.ts', import.meta.url);

interface FormEngineBench {
  (options: { quick: boolean }): Promise<{ validateMedianMs: number; validateP95Ms: number }>;
}

export const suite: BenchSuite = {
  name: 'form-engine',
  description: 'form validation time (shared/src/form/bench.ts)',
  async run({ quick }) {
    if (!existsSync(MODULE)) throw new SkipSuite('shared/src/form/bench.ts is not in this checkout');
    const module = (await import(MODULE.href)) as { default?: FormEngineBench; bench?: FormEngineBench };
    const measure = module.bench ?? module.default;
    if (typeof measure !== 'function') throw new Error('shared/src/form/bench.ts must export `bench` (or a default function)');
    const { validateMedianMs, validateP95Ms } = await measure({ quick });
    return [
      { name: 'validate one submission, median', value: validateMedianMs, unit: 'ms' },
      { name: 'validate one submission, p95', value: validateP95Ms, unit: 'ms' },
    ];
  },
};

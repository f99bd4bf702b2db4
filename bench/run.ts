/**
 * `npm run bench [-- --quick] [-- --only ingest,pull]`: runs every suite in bench/suites/, writes
 * bench/results/latest.json (figures with units, machine, date) and prints a table.
 * Suites from other parts of the repo plug in by adding a file to bench/suites/ (see bench/README.md).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { machineInfo } from './lib/machine.js';
import { renderTable } from './lib/table.js';
import { SkipSuite, type BenchReport, type BenchSuite, type SuiteResult } from './lib/types.js';

const SUITES_DIR = new URL('./suites/', import.meta.url);
const RESULTS_DIR = new URL('./results/', import.meta.url);

async function loadSuites(only: string[]): Promise<BenchSuite[]> {
  const files = readdirSync(SUITES_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  const suites: BenchSuite[] = [];
  for (const file of files) {
    const module = (await import(new URL(file, SUITES_DIR).href)) as { suite?: BenchSuite };
    if (!module.suite) throw new Error(`bench/suites/${file} does not export \`suite\``);
    if (only.length === 0 || only.includes(module.suite.name)) suites.push(module.suite);
  }
  return suites;
}

const usage = (
  names: string,
) => `npm run bench [-- options]: runs the suites in bench/suites/ and writes bench/results/latest.json

  --quick          small sizes (what CI runs): proves every suite still works; the goals mean nothing then
  --only a,b       only these suites (${names})
  --help           this text

Environment (the device and media suites):
  BENCH_DEVICE_RATES=4,6        CPU slow-down rates to measure (default 4,6; --quick: 4)
  BENCH_DEVICE_RUNS=3           runs per rate (default 3; --quick: 1)
  BENCH_DEVICE_HOUSEHOLDS=2000  households in the enumerator's area (default 2,000; --quick: 200); goals apply at 2,000
  MEDIA_BENCH_RECORDS=100       records with 2 photos over the media suite's slow link (default 100, ~25 min a pass,
                                two passes; --quick: 5)
  BENCH_CLIENT_DIR=dir          measure another build of the app (e.g. the previous release's client/dist)
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage((await loadSuites([])).map((s) => s.name).join(', ')));
    return 0;
  }
  const quick = values.quick ?? false;
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [];
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  const suites = await loadSuites(only);
  const results: SuiteResult[] = [];
  for (const suite of suites) {
    process.stderr.write(`▶ ${suite.name}: ${suite.description}${quick ? ' (quick)' : ''}\n`);
    const started = performance.now();
    try {
      const figures = await suite.run({ quick, log });
      results.push({
        name: suite.name,
        description: suite.description,
        durationMs: Math.round(performance.now() - started),
        figures,
      });
    } catch (error) {
      if (error instanceof SkipSuite) {
        process.stderr.write(`  skipped: ${error.message}\n`);
        results.push({
          name: suite.name,
          description: suite.description,
          durationMs: 0,
          figures: [],
          skipped: error.message,
        });
        continue;
      }
      const message = (error as Error).stack ?? String(error);
      process.stderr.write(`✖ ${suite.name} failed: ${message}\n`);
      results.push({
        name: suite.name,
        description: suite.description,
        durationMs: Math.round(performance.now() - started),
        figures: [],
        error: message,
      });
    }
  }
  const report: BenchReport = { date: new Date().toISOString(), quick, machine: machineInfo(), suites: results };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(new URL('latest.json', RESULTS_DIR), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\n${renderTable(report)}\n\nWritten to bench/results/latest.json\n`);
  return results.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);

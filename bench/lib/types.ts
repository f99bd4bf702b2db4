/** The benchmark harness's contract: every suite in `bench/suites/*.ts` exports `suite: BenchSuite`. */

/** A measured figure, always with its unit; `target` states the goal it is compared with, if any. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** e.g. { op: '>=', value: 5000 }: the figure meets its goal when `value op target.value`. */
  target?: { op: '>=' | '<='; value: number };
  note?: string;
}

export interface BenchContext {
  /** Small sizes, for CI: proves the suite still runs, not how fast. */
  quick: boolean;
  /** Progress lines for the person watching (stderr). */
  log: (line: string) => void;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

export interface SuiteResult {
  name: string;
  description: string;
  durationMs: number;
  figures: Figure[];
  error?: string;
  /** Why the suite did not run here (e.g. the code it measures is not in this checkout). */
  skipped?: string;
}

/** Thrown by a suite that cannot run in this checkout: reported, not a failure. */
export class SkipSuite extends Error {
  override name = 'SkipSuite';
}

export interface BenchReport {
  date: string;
  quick: boolean;
  machine: Record<string, string | number>;
  suites: SuiteResult[];
}

export const meets = (f: Figure): boolean | null =>
  f.target ? (f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value) : null;

import { meets, type BenchReport } from './types.js';

const format = (value: number) =>
  Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : String(Math.round(value * 100) / 100);

/** The report as a plain-text table: suite, figure, value, unit, goal and whether it is met. */
export function renderTable(report: BenchReport): string {
  const rows: string[][] = [];
  for (const suite of report.suites) {
    if (suite.error) rows.push([suite.name, 'ERROR', suite.error.split('\n')[0]!, '', '', '']);
    if (suite.skipped) rows.push([suite.name, `skipped: ${suite.skipped}`, '', '', '', '']);
    for (const f of suite.figures) {
      const ok = meets(f);
      rows.push([
        suite.name,
        f.name,
        format(f.value),
        f.unit,
        f.target ? `${f.target.op} ${format(f.target.value)}` : '',
        ok === null ? '' : ok ? 'ok' : 'MISSED',
      ]);
    }
  }
  const headers = ['suite', 'figure', 'value', 'unit', 'goal', ''];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const machine = report.machine;
  return [
    `Kusanya benchmarks — ${report.date}${report.quick ? ' (QUICK: small sizes, goals not meaningful)' : ''}`,
    `${machine['cpuModel']} · ${machine['cpus']} CPUs · ${machine['memoryGiB']} GiB · Node ${machine['node']} · SQLite ${machine['sqlite']} · load average at start ${machine['loadAverage1m']}`,
    '',
    line(headers),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

import type { AppContext } from '../context.js';

/** What a CLI command gets: the app context (same repositories as the server), its arguments and an output. */
export interface CommandInput {
  ctx: AppContext;
  args: string[];
  out: (text: string) => void;
}

export interface Command {
  /** e.g. "user add" */
  name: string;
  usage: string;
  summary: string;
  run(input: CommandInput): Promise<void>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Renders rows as an aligned text table. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

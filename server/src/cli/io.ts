import type { AppConfig } from '../config.js';
import type { UseCases } from '../use-cases.js';

/** What a CLI command gets: the use cases (the same the server's routes call), its arguments and an output. */
export interface CommandInput {
  app: UseCases;
  config: AppConfig;
  args: string[];
  out: (text: string) => void;
  /** Adds the target and details of this command's audit entry (written by main after the command). */
  note: (note: { target?: string; details?: Record<string, unknown> }) => void;
}

/** Commands that must not open the live database through the app (restore, verifying a backup file). */
export interface StandaloneInput {
  config: AppConfig;
  args: string[];
  out: (text: string) => void;
  err: (text: string) => void;
}

interface CommandBase {
  /** e.g. "user add" */
  name: string;
  usage: string;
  summary: string;
}

export interface Command extends CommandBase {
  standalone?: false;
  /** Audit action recorded (success or failure) when the command changes something, e.g. "user.create". */
  audit?: string;
  run(input: CommandInput): Promise<void>;
}

export interface StandaloneCommand extends CommandBase {
  standalone: true;
  run(input: StandaloneInput): Promise<void>;
}

export type AnyCommand = Command | StandaloneCommand;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Renders rows as an aligned text table. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** Bytes in a human unit. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

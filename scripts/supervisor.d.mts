export interface SuperviseOptions {
  command: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The server's health URL; null: restart on exit only. */
  healthUrl: string | null;
  /** Between health checks once the server answered (default 10 s). */
  healthIntervalMs?: number;
  healthTimeoutMs?: number;
  /** Failed checks in a row that make the supervisor restart a server that answered before (default 3). */
  healthFailures?: number;
  /** How long a starting server may take to answer (migrations of a large database; default 15 min). */
  startTimeoutMs?: number;
  /** SIGTERM, then SIGKILL after this long (default 15 s). */
  stopGraceMs?: number;
  /** Pause before each restart; the last one repeats (default 1, 2, 5, 10, 30 s). */
  restartDelaysMs?: number[];
  /** A server healthy this long resets the pause to the first one (default 60 s). */
  healthyResetMs?: number;
  /** Starts in a row that end before the server ever answered, after which the supervisor gives up (default 5). */
  maxFailedStarts?: number;
  log?: (line: string) => void;
}

export interface Supervisor {
  /** The exit code the supervisor should end with: 0 once stopped, non-zero when it gave up. */
  done: Promise<number>;
  /** The running server's process id, or null between two lives. */
  pid(): number | null;
  stop(signal?: NodeJS.Signals): Promise<number>;
}

export function supervise(options: SuperviseOptions): Supervisor;
/** http://<loopback of HOST>:<PORT>/api/health, or null when PORT is 0 (a random port). */
export function healthUrlFor(env?: NodeJS.ProcessEnv): string | null;
/** The exit code of a server that refused its configuration: the supervisor does not restart it. */
export const CONFIG_ERROR_EXIT: 78;
/** SUPERVISOR_HEALTH_INTERVAL_MS and SUPERVISOR_HEALTH_TIMEOUT_MS, checked. */
export function optionsFromEnv(env?: NodeJS.ProcessEnv): Pick<SuperviseOptions, 'healthIntervalMs' | 'healthTimeoutMs'>;

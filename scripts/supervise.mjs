// Keeps the server running (`npm start`): starts it, and when it dies (a crash, the heap limit, a kill) starts it
// again, waiting 1 s, then longer (up to 30 s) if it keeps dying soon after starting. A server that stops cleanly
// (exit 0) or cannot start as configured (exit 78: invalid configuration, a read-only or full data directory) is
// not restarted. In production run `npm start` under the machine's service manager as well (README, "Keeping it
// running"), so that the supervisor itself comes back after a reboot.
import { spawn } from 'node:child_process';

/** Exit status of a server that cannot start as configured (server/src/server.ts): retrying would not help. */
export const EXIT_CANNOT_START = 78;

/**
 * Runs `command args` and restarts it whenever it dies. Returns `stop(signal)` (forwards the signal and stops
 * restarting) and `done`, which resolves with the exit code once the supervisor has stopped.
 */
export function supervise({
  command,
  args = [],
  cwd,
  env = process.env,
  stdio = 'inherit',
  log = (line) => process.stderr.write(`${line}\n`),
  firstDelayMs = 1000,
  maxDelayMs = 30_000,
  stableAfterMs = 60_000,
  onStart = () => {},
}) {
  let child = null;
  let stopping = false;
  let delay = firstDelayMs;
  let timer = null;
  let finish;
  const done = new Promise((resolve) => (finish = resolve));

  const start = () => {
    timer = null;
    const startedAt = Date.now();
    child = spawn(command, args, { cwd, env, stdio });
    onStart(child);
    child.on('exit', (code, signal) => {
      child = null;
      if (stopping) return finish(code ?? 0);
      if (code === 0) return finish(0);
      if (code === EXIT_CANNOT_START) {
        log('The server cannot start as configured (see the message above); not restarting it.');
        return finish(code);
      }
      if (Date.now() - startedAt > stableAfterMs) delay = firstDelayMs;
      log(
        `${new Date().toISOString()} The server stopped (${signal ?? `exit code ${code}`}); starting it again in ${Math.round(delay / 100) / 10} s.`,
      );
      timer = setTimeout(start, delay);
      delay = Math.min(delay * 2, maxDelayMs);
    });
  };
  start();

  return {
    done,
    /** The running server process (null between restarts). */
    get child() {
      return child;
    },
    stop(signal = 'SIGTERM') {
      stopping = true;
      if (timer) {
        clearTimeout(timer);
        finish(0);
      } else child?.kill(signal);
    },
  };
}

// The restart supervisor that `npm start` (scripts/start.mjs) runs the server under, in development and in
// production alike (the systemd unit and the container start `npm start` too). It restarts the server when it
// exits unexpectedly (a crash, an out-of-memory kill) and when it stops answering its health check (a hung event
// loop), with a growing pause between restarts; it gives up, exiting non-zero, when the server keeps failing
// before it ever answers (a configuration error: the service manager above then reports the failure). SIGTERM
// and SIGINT stop the server gracefully and end the supervisor.
import { spawn } from 'node:child_process';

/** @type {Required<Omit<import('./supervisor.d.mts').SuperviseOptions, 'command' | 'args' | 'env' | 'cwd' | 'healthUrl' | 'log'>>} */
const DEFAULTS = {
  healthIntervalMs: 10_000,
  healthTimeoutMs: 5_000,
  healthFailures: 3,
  startTimeoutMs: 15 * 60_000,
  stopGraceMs: 15_000,
  restartDelaysMs: [1_000, 2_000, 5_000, 10_000, 30_000],
  healthyResetMs: 60_000,
  maxFailedStarts: 5,
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The URL the supervisor checks: the server's own /api/health on the loopback of the interface it listens on. */
export function healthUrlFor(env = process.env) {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port <= 0) return null;
  const host = (env.HOST ?? '').trim();
  const target =
    !host || host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${target}:${port}/api/health`;
}

/**
 * Tuning from the environment: SUPERVISOR_HEALTH_INTERVAL_MS (default 10 s) and SUPERVISOR_HEALTH_TIMEOUT_MS
 * (default 5 s); three missed checks in a row restart the server.
 */
export function optionsFromEnv(env = process.env) {
  /** @type {{ healthIntervalMs?: number, healthTimeoutMs?: number }} */
  const options = {};
  for (const [key, name] of [
    ['healthIntervalMs', 'SUPERVISOR_HEALTH_INTERVAL_MS'],
    ['healthTimeoutMs', 'SUPERVISOR_HEALTH_TIMEOUT_MS'],
  ]) {
    if (!env[name]) continue;
    const value = Number(env[name]);
    if (!Number.isInteger(value) || value < 100)
      throw new Error(`${name} must be a whole number of milliseconds, at least 100`);
    options[key] = value;
  }
  return options;
}

/**
 * Whether the server answers at all. A server that answers, even with a 503 saying its disk is full, is alive:
 * restarting it would not help, and only a server that does not answer in time (hung, or not listening) is
 * restarted.
 */
async function answers(url, timeoutMs) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), cache: 'no-store' });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** The server's exit code for a configuration it refuses (EX_CONFIG): starting it again would fail again. */
export const CONFIG_ERROR_EXIT = 78;

/**
 * Runs `command` and keeps it running. Resolves with the exit code the supervisor should end with once it was
 * asked to stop (0) or gave up (the server's last code, or 1).
 * @param {import('./supervisor.d.mts').SuperviseOptions} options
 * @returns {import('./supervisor.d.mts').Supervisor}
 */
export function supervise(options) {
  const o = { ...DEFAULTS, ...options };
  const log = o.log ?? ((line) => process.stderr.write(`[supervisor] ${line}\n`));
  let stopping = false;
  /** @type {import('node:child_process').ChildProcess | null} */
  let child = null;
  let restarts = 0;
  /** @type {(() => void) | null} */
  let wake = null;

  const stopChild = async (proc, reason) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    log(`stopping the server (pid ${proc.pid}): ${reason}`);
    const gone = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    // A stopped process (SIGSTOP, a debugger) handles SIGTERM only once it runs again.
    proc.kill('SIGCONT');
    const timer = setTimeout(() => {
      log(`the server (pid ${proc.pid}) did not stop within ${o.stopGraceMs} ms; killing it`);
      proc.kill('SIGKILL');
    }, o.stopGraceMs);
    await gone;
    clearTimeout(timer);
  };

  /** One life of the server: resolves when it exited, with whether it ever answered its health check. */
  const runOnce = () =>
    new Promise((resolve) => {
      const proc = spawn(o.command, o.args ?? [], { cwd: o.cwd, env: o.env, stdio: 'inherit' });
      child = proc;
      const startedAt = Date.now();
      let everHealthy = false;
      let healthySince = 0;
      let failures = 0;
      let ended = false;
      const exited = new Promise((done) =>
        proc.once('exit', (code, signal) => {
          ended = true;
          done({ code, signal });
        }),
      );
      proc.once('error', (error) => log(`could not start the server: ${error.message}`));
      const watch = async () => {
        if (!o.healthUrl) return;
        while (!ended && !stopping) {
          await Promise.race([sleep(everHealthy ? o.healthIntervalMs : Math.min(1_000, o.healthIntervalMs)), exited]);
          if (ended || stopping) return;
          const ok = await answers(o.healthUrl, o.healthTimeoutMs);
          if (ended || stopping) return;
          if (ok) {
            if (!everHealthy) log(`the server (pid ${proc.pid}) answers its health check`);
            everHealthy = true;
            healthySince ||= Date.now();
            failures = 0;
            if (Date.now() - healthySince >= o.healthyResetMs) restarts = 0;
            continue;
          }
          healthySince = 0;
          if (!everHealthy) {
            if (Date.now() - startedAt < o.startTimeoutMs) continue;
            await stopChild(
              proc,
              `no answer to its health check ${Math.round(o.startTimeoutMs / 1000)} s after starting`,
            );
            return;
          }
          failures++;
          log(`health check failed (${failures} of ${o.healthFailures}): ${o.healthUrl}`);
          if (failures >= o.healthFailures) {
            await stopChild(proc, 'it stopped answering its health check');
            return;
          }
        }
      };
      void watch();
      void exited.then(({ code, signal }) => resolve({ code, signal, everHealthy: everHealthy || !o.healthUrl }));
    });

  const done = (async () => {
    let failedStarts = 0;
    for (;;) {
      const { code, signal, everHealthy } = await runOnce();
      child = null;
      if (stopping) return code ?? 0;
      failedStarts = everHealthy ? 0 : failedStarts + 1;
      log(`the server exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`})`);
      if (code === CONFIG_ERROR_EXIT) {
        log('the server refused its configuration (see above); not restarting it');
        return code;
      }
      if (failedStarts >= o.maxFailedStarts) {
        log(`the server failed ${failedStarts} times in a row before answering; giving up`);
        return code || 1;
      }
      const delay = o.restartDelaysMs[Math.min(restarts, o.restartDelaysMs.length - 1)] ?? 1_000;
      restarts++;
      log(`restarting it in ${delay / 1000} s (restart ${restarts})`);
      await Promise.race([sleep(delay), new Promise((r) => (wake = r))]);
      wake = null;
      if (stopping) return 0;
    }
  })();

  return {
    done,
    pid: () => child?.pid ?? null,
    async stop(signal = 'SIGTERM') {
      stopping = true;
      wake?.();
      const proc = child;
      if (proc) await stopChild(proc, `asked to stop (${signal})`);
      return done;
    },
  };
}

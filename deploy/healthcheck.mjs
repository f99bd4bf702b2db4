#!/usr/bin/env node
// Asks the running server for its health (GET /api/health on this machine) and says it in words: the container's
// HEALTHCHECK runs it, and an IT officer can too (`node deploy/healthcheck.mjs`). Exits 0 when the server is up
// and its database answers, 1 otherwise. A late or failing off-machine backup copy is printed as a warning but is
// not a failure: restarting the server would not fix it.
const port = Number(process.env.PORT ?? 8080);
const host = !process.env.HOST || process.env.HOST === '0.0.0.0' ? '127.0.0.1' : process.env.HOST;
const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/api/health`;

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(8_000), cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || body.status !== 'ok') {
    process.stdout.write(`UNHEALTHY: ${url} answered ${response.status} ${JSON.stringify(body)}\n`);
    process.exit(1);
  }
  process.stdout.write(`ok: the server answers and its database is ${body.database}\n`);
  const copy = body.backupCopy;
  if (copy && copy.state !== 'off') {
    const last = copy.lastSuccessAt ? `last good copy ${copy.lastSuccessAt}` : 'no copy made yet';
    const line = `off-machine backup copies: ${copy.state} (${last})`;
    process.stdout.write(
      copy.state === 'ok' ? `${line}\n` : `WARNING: ${line}${copy.lastError ? `: ${copy.lastError}` : ''}\n`,
    );
  }
  process.exit(0);
} catch (error) {
  process.stdout.write(`UNHEALTHY: no answer from ${url} (${error.message})\n`);
  process.exit(1);
}

// Kusanya as it runs in the field, for the HTTPS e2e test: the server under `npm start`'s restart supervisor
// (scripts/start.mjs) with the production settings (TRUST_PROXY, PUBLIC_URL, off-machine copies), behind Caddy
// running the shipped deploy/caddy/Caddyfile.lan (tls internal) on a host name that is not localhost. The test's
// Chromium maps that name to 127.0.0.1 and trusts Caddy's certificate authority through an NSS database in its
// own HOME, as a tablet trusts it once its administrator installed the certificate.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const HOST_NAME = 'kusanya.test';

export interface HttpsStack {
  /** https://kusanya.test:<port> */
  origin: string;
  /** The plain-HTTP address that serves the certificate authority to tablets. */
  caUrl: string;
  serverUrl: string;
  dataDir: string;
  copyDir: string;
  /** Chromium's launch settings: the host name mapped to 127.0.0.1, HOME with the NSS database trusting the CA. */
  chromium: { args: string[]; env: Record<string, string> };
  rootCertificate: string;
  /** The pid of the server process answering now (not the supervisor's). */
  serverPid(): number;
  output(): string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${log()}`);
    await sleep(200);
  }
}

/** GET over HTTPS to 127.0.0.1 with the host name's SNI, trusting only `ca`: Caddy's chain must validate. */
function httpsStatus(port: number, path: string, ca: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        servername: HOST_NAME,
        headers: { host: `${HOST_NAME}:${port}` },
        ca,
        timeout: 3000,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Ports: base + 2 the server, base + 3 Caddy's HTTPS, base + 4 Caddy's HTTP (the CA download). */
export async function startHttpsStack(basePort: number): Promise<HttpsStack> {
  const dir = mkdtempSync(join(tmpdir(), 'kusanya-https-e2e-'));
  const [serverPort, httpsPort, httpPort] = [basePort + 2, basePort + 3, basePort + 4];
  const origin = `https://${HOST_NAME}:${httpsPort}`;
  const caUrl = `http://${HOST_NAME}:${httpPort}/kusanya-ca.crt`;
  const dataDir = join(dir, 'data');
  const copyDir = join(dir, 'copies');
  const clientDir = join(dir, 'client');
  cpSync(join(root, 'client/dist'), clientDir, { recursive: true });
  let output = '';
  const collect = (child: ChildProcess, name: string) => {
    child.stdout?.on('data', (d: Buffer) => (output += `[${name}] ${d.toString()}`));
    child.stderr?.on('data', (d: Buffer) => (output += `[${name}] ${d.toString()}`));
  };

  const service = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(serverPort),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: clientDir,
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '1000',
      TRUST_PROXY: 'true',
      PUBLIC_URL: origin,
      CA_CERTIFICATE_URL: caUrl,
      BACKUP_COPY_DIR: copyDir,
      INTAKE_WORKERS: '0',
      SUPERVISOR_HEALTH_INTERVAL_MS: '1000',
      SUPERVISOR_HEALTH_TIMEOUT_MS: '2000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  collect(service, 'service');

  const caddyData = join(dir, 'caddy');
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const caddy = spawn(
    'caddy',
    ['run', '--config', join(root, 'deploy/caddy/Caddyfile.lan'), '--adapter', 'caddyfile'],
    {
      cwd: dir,
      env: {
        ...process.env,
        KUSANYA_SITE: HOST_NAME,
        KUSANYA_UPSTREAM: `127.0.0.1:${serverPort}`,
        CADDY_BIND: '127.0.0.1',
        CADDY_HTTPS_PORT: String(httpsPort),
        CADDY_HTTP_PORT: String(httpPort),
        CADDY_ADMIN: 'off',
        CADDY_LOG_DIR: join(dir, 'logs'),
        CADDY_CA_DIR: join(caddyData, 'caddy/pki/authorities/local'),
        XDG_DATA_HOME: caddyData,
        XDG_CONFIG_HOME: join(dir, 'caddy-config'),
        HOME: dir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  collect(caddy, 'caddy');
  const stop = async () => {
    await Promise.all([stopProcess(caddy), stopProcess(service)]);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const rootFile = join(caddyData, 'caddy/pki/authorities/local/root.crt');
    await waitFor(
      'Caddy to create its certificate authority',
      () => existsSync(rootFile),
      30_000,
      () => output,
    );
    const rootCertificate = readFileSync(rootFile, 'utf8');
    // Through Caddy, verified against its root only, to the server's health check.
    await waitFor(
      `${origin}/api/health through Caddy`,
      async () => (await httpsStatus(httpsPort, '/api/health', rootCertificate)) === 200,
      90_000,
      () => output,
    );

    // The test browser's HOME, with an NSS database that trusts the CA (what installing it on a tablet does).
    const home = join(dir, 'home');
    const nssdb = `sql:${join(home, '.pki/nssdb')}`;
    mkdirSync(join(home, '.pki/nssdb'), { recursive: true });
    execFileSync('certutil', ['-N', '-d', nssdb, '--empty-password']);
    execFileSync('certutil', ['-A', '-d', nssdb, '-n', 'Kusanya LAN CA (e2e)', '-t', 'C,,', '-i', rootFile]);

    return {
      origin,
      caUrl,
      serverUrl: `http://127.0.0.1:${serverPort}`,
      dataDir,
      copyDir,
      rootCertificate,
      chromium: { args: [`--host-resolver-rules=MAP ${HOST_NAME} 127.0.0.1`], env: { HOME: home } },
      serverPid: () => (JSON.parse(readFileSync(join(dataDir, 'server.pid'), 'utf8')) as { pid: number }).pid,
      output: () => output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

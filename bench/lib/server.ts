import type { LoginResponse } from '@kusanya/schemas';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startServerProcess, type ServerProcess } from '../../server/test/process.js';

export interface BenchServer {
  process: ServerProcess;
  url: string;
  dataDir: string;
  /** CPU time (user + system, all threads) the server process has used so far, in ms (Linux; NaN elsewhere). */
  cpuMs(): number;
  login(username: string, deviceId: string): Promise<LoginResponse>;
  stop(): Promise<void>;
}

/**
 * A real Kusanya server process on 127.0.0.1 with a fresh data directory (demo users and forms seeded),
 * configured as in production except for logging (warnings only, so the terminal is not what is measured).
 * `prepare` may write to the data directory first (e.g. locations and users); the server seeds the demo on start.
 */
export async function startBenchServer(
  env: Record<string, string> = {},
  prepare?: (dataDir: string) => Promise<void>,
): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-bench-'));
  await prepare?.(dataDir);
  const proc = await startServerProcess(dataDir, { LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT: '1000', ...env });
  return {
    process: proc,
    url: proc.url,
    dataDir,
    cpuMs() {
      try {
        const fields = readFileSync(`/proc/${proc.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
      } catch {
        return Number.NaN;
      }
    },
    async login(username, deviceId) {
      const res = await fetch(`${proc.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'kusanya-demo', deviceId }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
      return (await res.json()) as LoginResponse;
    },
    async stop() {
      proc.child.kill('SIGTERM');
      await proc.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Bytes as they came over the wire (compressed if the server compressed them). */
  wireBytes: number;
  /** The decoded body text (decoded on first use). */
  readonly text: string;
}

/** A minimal keep-alive HTTP client that reports the bytes of each response body on the wire. */
export function httpClient(baseUrl: string, maxSockets = 8) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const url = new URL(baseUrl);
  return {
    send(
      method: 'GET' | 'POST',
      path: string,
      headers: Record<string, string>,
      body?: Buffer | string,
    ): Promise<RawResponse> {
      return new Promise((resolve, reject) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path,
            method,
            agent,
            headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const raw = Buffer.concat(chunks);
              const gzipped = res.headers['content-encoding'] === 'gzip';
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                wireBytes: raw.length,
                get text() {
                  return gzipped ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
                },
              });
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

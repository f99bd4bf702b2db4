import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let clientDir: string;

beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), 'kusanya-client-'));
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Kusanya</title>');
  writeFileSync(join(clientDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(clientDir, 'manifest.webmanifest'), '{}');
  writeFileSync(join(clientDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  server = await startTestServer({ clientDir });
});
afterAll(async () => {
  await server.close();
  rmSync(clientDir, { recursive: true, force: true });
});

const get = (url: string, accept = '*/*') => server.app.inject({ method: 'GET', url, headers: { accept } });

describe('serving the built app', () => {
  it('never caches the service worker, the shell or the manifest', async () => {
    for (const url of ['/sw.js', '/index.html', '/manifest.webmanifest']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache, no-store, must-revalidate');
    }
  });

  it('caches hashed assets for a year', async () => {
    const res = await get('/assets/index-abc123.js');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a browser navigation to an app route with the shell', async () => {
    const res = await get('/outbox', 'text/html,application/xhtml+xml');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Kusanya</title>');
    expect(res.headers['cache-control']).toContain('no-cache');
  });

  it('still answers unknown API routes and missing files with a JSON 404', async () => {
    const api = await get('/api/unknown', 'text/html');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not-found');
    const missing = await get('/assets/missing.js', 'application/javascript');
    expect(missing.statusCode).toBe(404);
  });
});

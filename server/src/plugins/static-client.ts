import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Files that must always be revalidated: the service worker and what points at hashed assets. */
const NEVER_CACHED = new Set(['sw.js', 'registerSW.js', 'index.html', 'manifest.webmanifest']);

export function hasBuiltClient(root: string | null): root is string {
  return root !== null && existsSync(join(root, 'index.html'));
}

/**
 * Serves the built PWA: hashed assets cached for a year, the service worker and the shell never cached,
 * and any other GET that wants HTML answered with index.html (SPA fallback; the service worker does the
 * same offline).
 */
export async function staticClient(app: FastifyInstance, { root }: { root: string }) {
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    index: ['index.html'],
    cacheControl: false,
    setHeaders(reply, path) {
      const file = basename(path);
      if (NEVER_CACHED.has(file)) reply.header('Cache-Control', 'no-cache, no-store, must-revalidate');
      else if (path.includes('/assets/')) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      else reply.header('Cache-Control', 'public, max-age=3600');
    },
  });
}

/** True for a browser navigation that should get the app shell rather than a 404. */
export function wantsAppShell(method: string, url: string, accept: string | undefined): boolean {
  return (
    method === 'GET' &&
    !url.startsWith('/api/') &&
    !url.startsWith('/api?') &&
    url !== '/api' &&
    (accept ?? '').includes('text/html')
  );
}

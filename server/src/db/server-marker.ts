import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written by a running server in its data directory, so tools that must not run beside it (restore) can tell. */
export const SERVER_MARKER = 'server.pid';

export interface ServerMarker {
  pid: number;
  port: number;
  startedAt: string;
}

export function writeServerMarker(dataDir: string, marker: ServerMarker): void {
  writeFileSync(join(dataDir, SERVER_MARKER), `${JSON.stringify(marker)}\n`);
}

export function removeServerMarker(dataDir: string, pid = process.pid): void {
  const current = readServerMarker(dataDir);
  if (current?.pid === pid) rmSync(join(dataDir, SERVER_MARKER), { force: true });
}

export function readServerMarker(dataDir: string): ServerMarker | null {
  const path = join(dataDir, SERVER_MARKER);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ServerMarker;
  } catch {
    return null;
  }
}

/** The server running on this data directory, or null (a marker left by a crashed server is ignored). */
export function runningServer(dataDir: string): ServerMarker | null {
  const marker = readServerMarker(dataDir);
  if (!marker || marker.pid === process.pid) return null;
  try {
    process.kill(marker.pid, 0);
    return marker;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? marker : null;
  }
}

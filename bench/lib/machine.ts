import Database from 'better-sqlite3';
import { arch, availableParallelism, cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

/** What the figures were measured on. */
export function machineInfo(): Record<string, string | number> {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpus: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    platform: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    sqlite: sqliteVersion(),
    /** Other work on the machine when the run started (the figures are shared-CPU figures when this is high). */
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}

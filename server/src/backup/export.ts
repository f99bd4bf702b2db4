import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/database.js';
import { createBackup } from './create.js';

export interface ExportReport {
  dir: string;
  /** The consistent SQLite copy every CSV was read from (also part of the export). */
  database: string;
  files: { file: string; table: string; rows: number; bytes: number; sha256: string }[];
  durationMs: number;
}

/**
 * Secrets stay out of the CSV files (they remain in the SQLite file, which must be protected like the server):
 * password hashes, token hashes and escrowed device keys are of no use outside Kusanya.
 */
const SECRET_COLUMNS: Record<string, readonly string[]> = {
  users: ['password_hash'],
  sessions: ['token_hash'],
  device_keys: ['key'],
};

/** One RFC 4180 CSV field: the value as stored, quoted when needed (no alteration: this is the data itself). */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Buffer.isBuffer(value) ? value.toString('base64') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The exit export: everything the server holds, in open formats, from one consistent snapshot. Takes an online
 * backup (the SQLite file: public, documented format), then writes every table of that snapshot to CSV (UTF-8,
 * RFC 4180, header row; JSON documents stay JSON text in their column; secrets left out), the schema as SQL,
 * and a manifest with row counts and SHA-256 of every file. Tables added later are exported too: nothing is
 * listed by hand.
 */
export async function exportEverything(db: Db, outDir: string): Promise<ExportReport> {
  const t0 = performance.now();
  const dir = join(
    outDir,
    `kusanya-export-${new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`,
  );
  mkdirSync(dir, { recursive: true });
  const backup = await createBackup(db, { dir, trigger: 'cli' });
  const snapshot = new Database(backup.path, { readonly: true });
  const files: ExportReport['files'] = [];
  try {
    const tables = snapshot
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all();
    const schema = snapshot
      .prepare<[], { sql: string }>(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name",
      )
      .all()
      .map((r) => `${r.sql};`)
      .join('\n\n');
    writeFileSync(join(dir, 'schema.sql'), `${schema}\n`);
    for (const { name } of tables) {
      const file = `${name}.csv`;
      const fd = openSync(join(dir, file), 'w');
      const hash = createHash('sha256');
      let bytes = 0;
      const write = (text: string) => {
        const chunk = Buffer.from(text, 'utf8');
        hash.update(chunk);
        bytes += chunk.length;
        writeSync(fd, chunk);
      };
      let rows = 0;
      try {
        const statement = snapshot.prepare(`SELECT * FROM "${name}"`);
        const columns = statement.columns().map((c) => c.name);
        const secret = columns.map((c) => SECRET_COLUMNS[name]?.includes(c) ?? false);
        write(`${columns.map(field).join(',')}\r\n`);
        let buffer = '';
        for (const row of statement.raw().iterate() as IterableIterator<unknown[]>) {
          buffer += `${row.map((v, i) => (secret[i] ? '[not exported]' : field(v))).join(',')}\r\n`;
          rows++;
          if (buffer.length > 1 << 20) {
            write(buffer);
            buffer = '';
          }
        }
        write(buffer);
      } finally {
        closeSync(fd);
      }
      files.push({ file, table: name, rows, bytes, sha256: hash.digest('hex') });
    }
  } finally {
    snapshot.close();
  }
  const report: ExportReport = { dir, database: backup.file, files, durationMs: Math.round(performance.now() - t0) };
  writeFileSync(
    join(dir, 'manifest.json'),
    `${JSON.stringify({ format: 'kusanya-export', formatVersion: 1, createdAt: backup.createdAt, database: { file: backup.file, sha256: backup.sha256, bytes: backup.bytes }, files }, null, 2)}\n`,
  );
  return report;
}

import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One medium a record references, as the server stored it (read from the server's own data directory). */
export interface StoredMedium {
  submissionId: string;
  field: string;
  sha256: string;
  size: number;
  /** A row in media_blobs: the bytes arrived whole and matched. */
  received: boolean;
  /** The file under DATA_DIR/media/blobs hashes to its name. */
  intact: boolean;
  /** How many times the server stored a finished upload of these bytes (audit `media.receive`). */
  receipts: number;
}

const dataDir = () => {
  const dir = process.env['E2E_DATA_DIR'];
  if (!dir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  return dir;
};

/**
 * What the e2e server holds of these records' media, read as the test's own check (not through the API): the
 * references, the blob rows, the files' hashes and how many uploads of each were stored.
 */
export function storedMedia(submissionIds: readonly string[]): StoredMedium[] {
  const db = new Database(join(dataDir(), 'kusanya.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[string], { submission_id: string; field: string; sha256: string; size: number; blob: string | null }>(
        `SELECT m.submission_id, m.field, m.sha256, m.size, b.sha256 AS blob
           FROM submission_media m LEFT JOIN media_blobs b ON b.sha256 = m.sha256
          WHERE m.submission_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(submissionIds));
    const receipts = db
      .prepare<[], { sha256: string; n: number }>(
        `SELECT json_extract(details, '$.sha256') AS sha256, count(*) AS n
           FROM audit_log WHERE action = 'media.receive' GROUP BY 1`,
      )
      .all();
    const receiptsOf = new Map(receipts.map((r) => [r.sha256, r.n]));
    return rows.map((r) => {
      const file = join(dataDir(), 'media', 'blobs', r.sha256.slice(0, 2), r.sha256);
      const intact = existsSync(file) && createHash('sha256').update(readFileSync(file)).digest('hex') === r.sha256;
      return {
        submissionId: r.submission_id,
        field: r.field,
        sha256: r.sha256,
        size: r.size,
        received: r.blob !== null,
        intact,
        receipts: receiptsOf.get(r.sha256) ?? 0,
      };
    });
  } finally {
    db.close();
  }
}

import type { Submission } from '@kusanya/schemas';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StoredVersion {
  rev: number;
  source: 'device' | 'server';
  accepted: boolean;
  doc: Submission;
}

/**
 * Every version the server kept of a submission, read (read-only) from the database of the server
 * that `support/serve.mjs` started. For what no API shows yet.
 */
export function submissionVersions(id: string): StoredVersion[] {
  const dataDir = readFileSync(join(tmpdir(), `kusanya-e2e-${process.env['E2E_PORT'] ?? '8181'}.datadir`), 'utf8').trim();
  const db = new Database(join(dataDir, 'kusanya.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT rev, source, accepted, doc FROM submission_versions WHERE submission_id = ? ORDER BY id')
      .all(id) as { rev: number; source: 'device' | 'server'; accepted: number; doc: string }[];
    return rows.map((r) => ({ rev: r.rev, source: r.source, accepted: r.accepted === 1, doc: JSON.parse(r.doc) as Submission }));
  } finally {
    db.close();
  }
}

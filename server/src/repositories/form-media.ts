import type { FormMediaFile } from '@kusanya/schemas';
import { DATA_FILE } from '@kusanya/shared/form/instances';
import type { Db } from '../db/database.js';

/** The bytes of form media files, by SHA-256 (see migration 070). */
export type FormMediaRepository = ReturnType<typeof formMediaRepository>;

export function formMediaRepository(db: Db) {
  const get = db.prepare<[string], { content: Buffer }>('SELECT content FROM form_media WHERE sha256 = ?');
  const exists = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM form_media WHERE sha256 = ?');
  const put = db.prepare(
    'INSERT INTO form_media (sha256, content, size, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING',
  );
  const listed = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM forms, json_each(forms.definition, '$.media') AS m
     WHERE json_extract(m.value, '$.sha256') = ?`,
  );
  return {
    get: (sha256: string): Buffer | null => get.get(sha256)?.content ?? null,
    has: (sha256: string): boolean => (exists.get(sha256)?.n ?? 0) > 0,
    /** Stores a file (a no-op when these bytes are there already). Call inside the publishing transaction. */
    put: (sha256: string, content: Buffer, at: string) => put.run(sha256, content, content.length, at),
    /** Whether a published or retired form version lists this file. */
    isListed: (sha256: string): boolean => (listed.get(sha256)?.n ?? 0) > 0,
    /** The text of a version's data files (CSV, XML, GeoJSON), by name, for compiling it. */
    texts: (files: readonly FormMediaFile[] | undefined): Map<string, string> => {
      const out = new Map<string, string>();
      for (const file of files ?? []) {
        if (!DATA_FILE.test(file.name)) continue;
        const content = get.get(file.sha256)?.content;
        if (content) out.set(file.name, content.toString('utf8'));
      }
      return out;
    },
  };
}

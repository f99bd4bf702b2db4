import type { FormDefinition, FormDoc } from '@kusanya/schemas';
import type { Db } from '../db/database.js';
import { formMediaRepository } from './form-media.js';
import { boundedPage } from './pull-page.js';

interface FormRow {
  form_id: string;
  version: string;
  status: FormDoc['status'];
  definition: string;
  published_at: string;
  seq: number;
}

const toDoc = (row: FormRow): FormDoc => ({
  id: `${row.form_id}@${row.version}`,
  formId: row.form_id,
  version: row.version,
  status: row.status,
  publishedAt: row.published_at,
  definition: JSON.parse(row.definition) as FormDefinition,
  _deleted: false,
});

export type FormsRepository = ReturnType<typeof formsRepository>;

export function formsRepository(db: Db) {
  const COLS = 'form_id, version, status, definition, published_at, seq';
  const get = db.prepare<[string, string], FormRow>(`SELECT ${COLS} FROM forms WHERE form_id = ? AND version = ?`);
  const since = db.prepare<[number, number], FormRow>(`SELECT ${COLS} FROM forms WHERE seq > ? ORDER BY seq LIMIT ?`);
  const latest = db.prepare<[], FormRow>(
    `SELECT ${COLS} FROM forms f WHERE status = 'published' AND seq = (SELECT max(seq) FROM forms WHERE form_id = f.form_id AND status = 'published') ORDER BY form_id`,
  );
  const all = db.prepare<[], FormRow>(`SELECT ${COLS} FROM forms ORDER BY form_id, published_at DESC, version DESC`);
  const retire = db.prepare(
    `UPDATE forms SET status = 'retired', seq = (SELECT max(seq) + 1 FROM forms) WHERE form_id = ? AND version = ? AND status = 'published'`,
  );
  const usage = db.prepare<[], { form_id: string; form_version: string; n: number }>(
    'SELECT form_id, form_version, count(*) AS n FROM submissions GROUP BY form_id, form_version',
  );
  const countAfter = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM forms WHERE seq > ?');
  const insert = db.prepare(
    `INSERT INTO forms (form_id, version, status, definition, published_at, seq)
     VALUES (?, ?, 'published', ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM forms))`,
  );
  const media = formMediaRepository(db);
  const publish = db.transaction(
    (definition: FormDefinition, publishedAt: string, files: readonly { sha256: string; content: Buffer }[]) => {
      for (const f of files) media.put(f.sha256, f.content, publishedAt);
      insert.run(definition.formId, definition.version, JSON.stringify(definition), publishedAt);
    },
  );

  return {
    get: (formId: string, version: string): FormDoc | null => {
      const row = get.get(formId, version);
      return row ? toDoc(row) : null;
    },
    /** Published versions, newest per form. */
    listLatest: (): FormDoc[] => latest.all().map(toDoc),
    /** Versions published or retired after `seq`: at most `limit` rows and about `maxBytes` (pull-page.ts). */
    pullSince: (seq: number, limit: number, maxBytes: number) =>
      boundedPage(since.iterate(seq, limit), (row) => row.definition.length, limit, maxBytes).map((row) => ({
        seq: row.seq,
        doc: toDoc(row),
      })),
    /** Every version of every form (published and retired), newest first within a form. */
    listAll: (): FormDoc[] => all.all().map(toDoc),
    /**
     * Retires a published version: no longer offered for new records, kept for the records captured with it.
     * It gets a new sequence number so devices pull the change. False if it was not published.
     */
    retire: (formId: string, version: string) => retire.run(formId, version).changes > 0,
    /** How many submissions were captured with each form version, keyed "formId@version". */
    submissionCounts: () => new Map(usage.all().map((r) => [`${r.form_id}@${r.form_version}`, r.n])),
    countAfter: (seq: number): number => countAfter.get(seq)!.n,
    /** Stores a new published version with its media files, in one transaction. The caller checks immutability first. */
    insertPublished: (
      definition: FormDefinition,
      publishedAt: string,
      files: readonly { sha256: string; content: Buffer }[] = [],
    ) => publish(definition, publishedAt, files),
    /** The bytes of a media file that a form version lists (null for any other hash). */
    listedMedia: (sha256: string): Buffer | null => (media.isListed(sha256) ? media.get(sha256) : null),
    /** Whether the bytes of a media file are stored. */
    hasMedia: (sha256: string): boolean => media.has(sha256),
    /** The text of a version's data files (CSV, XML, GeoJSON), by name. */
    mediaTexts: (definition: FormDefinition) => media.texts(definition.media),
  };
}

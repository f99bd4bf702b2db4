import type { FormDefinition, FormDoc } from '@kusanya/schemas';
import type { Db } from '../db/database.js';

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
  const countAfter = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM forms WHERE seq > ?');
  const insert = db.prepare(
    `INSERT INTO forms (form_id, version, status, definition, published_at, seq)
     VALUES (?, ?, 'published', ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM forms))`,
  );

  return {
    get: (formId: string, version: string): FormDoc | null => {
      const row = get.get(formId, version);
      return row ? toDoc(row) : null;
    },
    /** Published versions, newest per form. */
    listLatest: (): FormDoc[] => latest.all().map(toDoc),
    pullSince: (seq: number, limit: number) =>
      since.all(seq, limit).map((row) => ({ seq: row.seq, doc: toDoc(row) })),
    countAfter: (seq: number): number => countAfter.get(seq)!.n,
    /** Stores a new published version. The caller checks immutability first. */
    insertPublished: (definition: FormDefinition, publishedAt: string) =>
      insert.run(definition.formId, definition.version, JSON.stringify(definition), publishedAt),
  };
}

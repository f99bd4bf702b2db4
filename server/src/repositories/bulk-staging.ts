import Database from 'better-sqlite3';
import { ROW_LAYOUTS, SEARCH_LAYOUT, type RowLayout, type RowValue, type BulkRows } from './bulk-rows.js';

/**
 * A batch of a bulk load staged in a scratch SQLite file of its own: one untyped table per layout (named after
 * the layout, with its bound columns), rows in the order they were made. Written on the generating thread
 * through its own connection (no journal file, no sync: the file is thrown away once copied), a few hundred
 * households at a time so the generator's memory stays small; bulkLoadRepository.copyStaged checks it and
 * reads it into the registry.
 */
export const STAGED_TABLES = { ...ROW_LAYOUTS, search: SEARCH_LAYOUT } as const;

export interface StagingFile {
  /** Adds rows (the arrays can be reused or dropped afterwards). */
  append(rows: BulkRows): void;
  /** Commits and closes the file: it is ready to be copied. */
  close(): void;
}

export function openStagingFile(file: string): StagingFile {
  const db = new Database(file);
  try {
    // No rollback journal file (OFF is refused on a defensive connection; this one only holds new pages).
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    const tables = Object.entries(STAGED_TABLES).map(([name, layout]) => {
      db.exec(`CREATE TABLE ${name} (${layout.bound.join(', ')})`);
      return { name: name as keyof BulkRows, insert: rowInserter(db, name, layout) };
    });
    db.exec('BEGIN');
    return {
      append(rows) {
        for (const { name, insert } of tables) insert(rows[name]);
      },
      close() {
        db.exec('COMMIT');
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Inserts a table's flat rows, `chunk` rows per statement (the remainder one by one). */
function rowInserter(db: Database.Database, name: string, layout: RowLayout): (values: RowValue[]) => void {
  const width = layout.bound.length;
  const tuple = `(${layout.bound.map(() => '?').join(', ')})`;
  const one = db.prepare(`INSERT INTO ${name} VALUES ${tuple}`);
  const many = db.prepare(`INSERT INTO ${name} VALUES ${Array.from({ length: layout.chunk }, () => tuple).join(', ')}`);
  const step = width * layout.chunk;
  return (values) => {
    let i = 0;
    for (; i + step <= values.length; i += step) many.run(values.slice(i, i + step));
    for (; i < values.length; i += width) one.run(values.slice(i, i + width));
  };
}

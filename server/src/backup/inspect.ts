import Database from 'better-sqlite3';

export interface DatabaseFacts {
  integrity: string;
  schemaVersion: number;
  tables: Record<string, number>;
}

/** Integrity, schema version and row counts of a SQLite file (opened read-only unless `writable`). */
export function inspectDatabase(
  file: string,
  options: { writable?: boolean; integrity?: boolean } = {},
): DatabaseFacts {
  const db = new Database(file, { readonly: !options.writable, fileMustExist: true });
  try {
    return factsOf(db, options);
  } finally {
    db.close();
  }
}

/** `integrity: false` skips the (slow, full-file) integrity check and reports "not checked". */
export function factsOf(db: Database.Database, options: { integrity?: boolean } = {}): DatabaseFacts {
  const rows =
    options.integrity === false
      ? [{ integrity_check: 'not checked' }]
      : (db.pragma('integrity_check') as { integrity_check: string }[]);
  const integrity = rows.map((r) => r.integrity_check).join('; ');
  const names = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((r) => r.name);
  const tables = Object.fromEntries(
    names.map((n) => [n, (db.prepare(`SELECT count(*) AS n FROM "${n}"`).get() as { n: number }).n]),
  );
  const schemaVersion = names.includes('schema_migrations')
    ? ((db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0)
    : -1;
  return { integrity, schemaVersion, tables };
}

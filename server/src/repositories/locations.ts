import type { Area } from '@kusanya/schemas';
import type { Db } from '../db/database.js';
import type { LocationNode } from '../domain/scope.js';

/** A location of the hierarchy (schemas: Area). */
export type LocationRecord = Area;

interface LocationRow {
  code: string;
  name: string;
  level: LocationRecord['level'];
  parent_code: string | null;
  scheme: string;
  valid_from: string | null;
  valid_to: string | null;
  is_sample: number;
}

export type LocationsRepository = ReturnType<typeof locationsRepository>;

export function locationsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO locations (code, name, level, parent_code, scheme, valid_from, valid_to, is_sample)
     VALUES (@code, @name, @level, @parentCode, @scheme, @validFrom, @validTo, @isSample)`,
  );
  const bumpVersion = db.prepare(
    "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'locations_version'",
  );
  const version = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'locations_version'");
  const all = db.prepare<[], LocationRow>(
    'SELECT code, name, level, parent_code, scheme, valid_from, valid_to, is_sample FROM locations ORDER BY code',
  );
  const nodes = db.prepare<[], { code: string; parent: string | null; level: string }>(
    'SELECT code, parent_code AS parent, level FROM locations',
  );
  const exists = db.prepare<[string], { code: string }>('SELECT code FROM locations WHERE code = ?');
  const update = db.prepare(
    `UPDATE locations SET name = @name, scheme = @scheme, valid_from = @validFrom, valid_to = @validTo, is_sample = @isSample
      WHERE code = @code`,
  );

  return {
    /** Inserts locations parents-first, in one transaction. */
    insertMany: db.transaction((rows: LocationRecord[]) => {
      for (const row of rows) insert.run({ ...row, isSample: row.isSample ? 1 : 0 });
      bumpVersion.run();
    }),
    /** Creates (parents first) and updates locations in one transaction; scope caches refresh everywhere. */
    apply: db.transaction((create: LocationRecord[], changed: LocationRecord[]) => {
      for (const row of create) insert.run({ ...row, isSample: row.isSample ? 1 : 0 });
      for (const row of changed) update.run({ ...row, isSample: row.isSample ? 1 : 0 });
      bumpVersion.run();
    }),
    list: (): LocationRecord[] =>
      all.all().map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level,
        parentCode: r.parent_code,
        scheme: r.scheme,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        isSample: r.is_sample === 1,
      })),
    nodes: (): LocationNode[] => nodes.all(),
    exists: (code: string) => exists.get(code) !== undefined,
    version: () => Number(version.get()!.value),
  };
}

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
  kobo_code: string | null;
  openimis_code: string | null;
}

/** Kobo codes compare left-padded to 7 digits: "301101" and "0301101" are the same colline. */
export const koboKey = (code: string) => code.trim().padStart(7, '0');

export type LocationsRepository = ReturnType<typeof locationsRepository>;

export function locationsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO locations (code, name, level, parent_code, scheme, valid_from, valid_to, is_sample, kobo_code, kobo_key, openimis_code)
     VALUES (@code, @name, @level, @parentCode, @scheme, @validFrom, @validTo, @isSample, @koboCode, @koboKey, @openimisCode)`,
  );
  const bumpVersion = db.prepare(
    "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'locations_version'",
  );
  const version = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'locations_version'");
  const all = db.prepare<[], LocationRow>(
    'SELECT code, name, level, parent_code, scheme, valid_from, valid_to, is_sample, kobo_code, openimis_code FROM locations ORDER BY code',
  );
  const nodes = db.prepare<[], LocationNode>('SELECT code, parent_code AS parent, level, name FROM locations');
  const exists = db.prepare<[string], { code: string }>('SELECT code FROM locations WHERE code = ?');
  const update = db.prepare(
    `UPDATE locations SET name = @name, scheme = @scheme, valid_from = @validFrom, valid_to = @validTo, is_sample = @isSample,
       kobo_code = @koboCode, kobo_key = @koboKey, openimis_code = @openimisCode
      WHERE code = @code`,
  );
  const byKoboKey = db.prepare<[string], { code: string }>('SELECT code FROM locations WHERE kobo_key = ?');
  const koboCodes = db.prepare<[], { code: string; kobo_code: string }>(
    'SELECT code, kobo_code FROM locations WHERE kobo_code IS NOT NULL',
  );
  const row = (r: LocationRecord) => ({
    ...r,
    isSample: r.isSample ? 1 : 0,
    koboCode: r.koboCode ?? null,
    koboKey: r.koboCode ? koboKey(r.koboCode) : null,
    openimisCode: r.openimisCode ?? null,
  });

  return {
    /** Inserts locations parents-first, in one transaction. */
    insertMany: db.transaction((rows: LocationRecord[]) => {
      for (const r of rows) insert.run(row(r));
      bumpVersion.run();
    }),
    /** Creates (parents first) and updates locations in one transaction; scope caches refresh everywhere. */
    apply: db.transaction((create: LocationRecord[], changed: LocationRecord[]) => {
      for (const r of create) insert.run(row(r));
      for (const r of changed) update.run(row(r));
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
        koboCode: r.kobo_code,
        openimisCode: r.openimis_code,
      })),
    /** The location whose Kobo code is `code` (compared left-padded to 7 digits), or null. */
    byKoboCode: (code: string): string | null => byKoboKey.get(koboKey(code))?.code ?? null,
    /** Location code → Kobo code, for every location that has one. */
    koboCodes: (): Map<string, string> => new Map(koboCodes.all().map((r) => [r.code, r.kobo_code])),
    nodes: (): LocationNode[] => nodes.all(),
    exists: (code: string) => exists.get(code) !== undefined,
    version: () => Number(version.get()!.value),
  };
}

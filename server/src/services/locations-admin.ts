import type { AreaImportReport } from '@kusanya/schemas';
import { AppError } from '../errors.js';
import type { LocationRecord, LocationsRepository } from '../repositories/locations.js';
import { parseLocationsCsv, type LOCATION_LEVELS } from './locations-import.js';

export type Level = (typeof LOCATION_LEVELS)[number];

/** What importing a file would do (preview) or did (commit) (schemas: AreaImportReport). */
export type LocationImportReport = AreaImportReport;

const PREVIEW_CHANGES = 200;
const CHANGED_FIELDS = ['name', 'scheme', 'validFrom', 'validTo', 'isSample'] as const;

const emptyLevels = (): Record<Level, number> => ({ country: 0, province: 0, commune: 0, zone: 0, colline: 0 });

/**
 * Plans an import of a location hierarchy CSV against what is stored: new codes are created, known codes may
 * change name, scheme and validity (not level or parent: scope would silently move). Every problem is
 * listed with its row and column; nothing is written unless the whole file is valid.
 */
export function planLocationsImport(locations: LocationsRepository, csv: string) {
  const stored = new Map(locations.list().map((l) => [l.code, l]));
  const parsed = parseLocationsCsv(csv, (code) => stored.get(code), { isSample: false, allowExisting: true });
  const report: LocationImportReport = {
    ok: parsed.ok,
    committed: false,
    rows: 0,
    create: 0,
    update: 0,
    unchanged: 0,
    byLevel: emptyLevels(),
    problems: parsed.ok ? [] : parsed.problems,
    changes: [],
    sampleInDatabase: [...stored.values()].some((l) => l.isSample),
  };
  const create: LocationRecord[] = [];
  const update: LocationRecord[] = [];
  if (parsed.ok) {
    report.rows = parsed.locations.length;
    for (const location of parsed.locations) {
      report.byLevel[location.level] += 1;
      const before = stored.get(location.code);
      if (!before) {
        create.push(location);
        if (report.changes.length < PREVIEW_CHANGES) report.changes.push({ kind: 'create', location });
      } else if (CHANGED_FIELDS.some((f) => before[f] !== location[f])) {
        update.push(location);
        if (report.changes.length < PREVIEW_CHANGES) report.changes.push({ kind: 'update', location, before });
      } else report.unchanged += 1;
    }
    report.create = create.length;
    report.update = update.length;
  }
  return { report, create, update };
}

/** Imports the file in one transaction, or throws a 400 listing every problem (nothing written). */
export function importLocations(locations: LocationsRepository, csv: string): LocationImportReport {
  const { report, create, update } = planLocationsImport(locations, csv);
  if (!report.ok)
    throw new AppError(
      'validation-failed',
      `The file has ${report.problems.length} problem(s); nothing was imported.`,
      report.problems,
    );
  locations.apply(create, update);
  return { ...report, committed: true };
}

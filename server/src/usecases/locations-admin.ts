import type { AreaImportReport } from '@kusanya/schemas';
import { managesArea, managesEverything, type Manager } from '../domain/admin-scope.js';
import type { LocationTree } from '../domain/scope.js';
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
/** Who imports: an administrator changes only locations within their own areas; the shell (null) any. */
export interface ImportScope {
  tree: LocationTree;
  manager: Manager;
}

/**
 * Rows that change a location outside the manager's areas: a known code outside them, or a new one whose parent
 * (stored, not new in the same file) is outside them; a new country needs a manager of the whole country.
 */
function scopeProblems(
  scope: ImportScope,
  rows: readonly LocationRecord[],
  stored: ReadonlyMap<string, LocationRecord>,
): LocationImportReport['problems'] {
  const created = new Set(rows.filter((r) => !stored.has(r.code)).map((r) => r.code));
  return rows.flatMap((r, i) => {
    const known = stored.has(r.code);
    const anchor = known ? r.code : r.parentCode;
    if (!known && anchor !== null && created.has(anchor)) return [];
    const ok =
      anchor === null ? managesEverything(scope.tree, scope.manager) : managesArea(scope.tree, scope.manager, anchor);
    return ok
      ? []
      : [
          {
            row: i + 2,
            column: known ? 'code' : 'parent_code',
            message: `${known ? r.code : (anchor ?? 'The country')} is outside your areas: an administrator of that area imports it.`,
          },
        ];
  });
}

export function planLocationsImport(locations: LocationsRepository, csv: string, scope?: ImportScope) {
  const stored = new Map(locations.list().map((l) => [l.code, l]));
  const parsed = parseLocationsCsv(csv, (code) => stored.get(code), { isSample: false, allowExisting: true });
  const outside = parsed.ok && scope ? scopeProblems(scope, parsed.locations, stored) : [];
  const report: LocationImportReport = {
    ok: parsed.ok && outside.length === 0,
    committed: false,
    rows: 0,
    create: 0,
    update: 0,
    unchanged: 0,
    byLevel: emptyLevels(),
    problems: parsed.ok ? outside : parsed.problems,
    changes: [],
    sampleInDatabase: [...stored.values()].some((l) => l.isSample),
  };
  const create: LocationRecord[] = [];
  const update: LocationRecord[] = [];
  if (parsed.ok && outside.length === 0) {
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
  return { report, create, update, outside };
}

/**
 * Imports the file in one transaction, or throws listing every problem (nothing written): 403 when rows lie outside
 * the administrator's areas, 400 for any other problem.
 */
export function importLocations(
  locations: LocationsRepository,
  csv: string,
  scope?: ImportScope,
): LocationImportReport {
  const { report, create, update, outside } = planLocationsImport(locations, csv, scope);
  if (outside.length > 0)
    throw new AppError(
      'out-of-scope',
      `${outside.length} row(s) change places outside your areas; nothing was imported.`,
      outside,
    );
  if (!report.ok)
    throw new AppError(
      'validation-failed',
      `The file has ${report.problems.length} problem(s); nothing was imported.`,
      report.problems,
    );
  locations.apply(create, update);
  return { ...report, committed: true };
}

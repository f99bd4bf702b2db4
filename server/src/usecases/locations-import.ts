import { parse } from 'csv-parse/sync';
import type { XlsformProblem } from '@kusanya/schemas';
import type { LocationRecord } from '../repositories/locations.js';

export const LOCATION_LEVELS = ['country', 'province', 'commune', 'zone', 'colline'] as const;
const REQUIRED_COLUMNS = ['code', 'name', 'level', 'parent_code', 'scheme'] as const;
const CODE = /^[A-Za-z0-9_-]{1,32}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** KoboToolbox codes are digits (a colline: 7, PPCCZCC, leading zeros may be dropped); openIMIS's too. */
const EXTERNAL_CODE = /^\d{1,12}$/;

/** A problem in a location CSV: row, column and what is wrong (an XLSForm problem without the sheet). */
export type LocationProblem = Omit<XlsformProblem, 'sheet'>;

export type LocationParse = { ok: true; locations: LocationRecord[] } | { ok: false; problems: LocationProblem[] };

/**
 * Reads a location hierarchy CSV (code, name, level, parent_code, scheme, valid_from, valid_to, and optionally
 * kobo_code and openimis_code: the codes KoboToolbox and openIMIS give the location) and checks
 * every row: known level, parent one level up (in the file or already stored), unique codes. Returns every
 * problem at once, or the locations ordered parents first.
 */
export const MAX_LOCATION_ROWS = 50_000;

/** Header names as people write them: "Parent code", "parent", "valid from" all work. */
function columnName(header: string): string {
  const name = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return name === 'parent' ? 'parent_code' : name;
}

export function parseLocationsCsv(
  csv: string,
  existing: (code: string) => { level: string; parentCode?: string | null } | undefined,
  options: { isSample: boolean; allowExisting?: boolean },
): LocationParse {
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: (h: string[]) => h.map(columnName),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      to: MAX_LOCATION_ROWS + 1,
    });
  } catch (error) {
    return {
      ok: false,
      problems: [{ row: 0, column: '', message: `Not a readable CSV file: ${(error as Error).message}` }],
    };
  }
  const problems: LocationProblem[] = [];
  const header = records.length > 0 ? Object.keys(records[0]!) : [];
  for (const column of REQUIRED_COLUMNS) {
    if (!header.includes(column)) problems.push({ row: 1, column, message: `Missing column "${column}".` });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (records.length > MAX_LOCATION_ROWS) {
    return {
      ok: false,
      problems: [{ row: 0, column: '', message: `At most ${MAX_LOCATION_ROWS} locations per file.` }],
    };
  }

  const inFile = new Map<string, { level: string; row: number }>();
  const externalSeen = new Map<string, number>();
  const locations: LocationRecord[] = [];
  records.forEach((r, i) => {
    const row = i + 2;
    const problem = (column: string, message: string) => problems.push({ row, column, message });
    const code = r['code'] ?? '';
    const level = r['level'] ?? '';
    const parent = r['parent_code'] || null;
    if (!CODE.test(code)) problem('code', 'Code must be 1–32 letters, digits, "-" or "_".');
    else if (inFile.has(code)) problem('code', `Code ${code} appears twice (first on row ${inFile.get(code)!.row}).`);
    else if (existing(code) && !options.allowExisting) problem('code', `Code ${code} already exists.`);
    else if (existing(code)) {
      const stored = existing(code)!;
      if (stored.level !== level)
        problem('level', `${code} is stored as a ${stored.level}; a location's level cannot change.`);
      else if (stored.parentCode !== undefined && stored.parentCode !== parent) {
        problem(
          'parent_code',
          `${code} belongs to ${stored.parentCode ?? 'nothing'}; a location cannot move (give it a new code, e.g. in a new scheme).`,
        );
      }
    }
    if (!r['name']) problem('name', 'Name is empty.');
    const levelIndex = LOCATION_LEVELS.indexOf(level as (typeof LOCATION_LEVELS)[number]);
    if (levelIndex < 0) problem('level', `Level must be one of ${LOCATION_LEVELS.join(', ')}.`);
    if (levelIndex === 0 && parent) problem('parent_code', 'A country has no parent.');
    if (levelIndex > 0) {
      const parentLevel = parent ? (inFile.get(parent)?.level ?? existing(parent)?.level) : undefined;
      if (!parent) problem('parent_code', `A ${level} needs a parent ${LOCATION_LEVELS[levelIndex - 1]}.`);
      else if (!parentLevel)
        problem('parent_code', `Parent ${parent} is not defined above this row or in the database.`);
      else if (parentLevel !== LOCATION_LEVELS[levelIndex - 1]) {
        problem(
          'parent_code',
          `Parent ${parent} is a ${parentLevel}; a ${level} belongs to a ${LOCATION_LEVELS[levelIndex - 1]}.`,
        );
      }
    }
    if (!r['scheme']) problem('scheme', 'Scheme is empty (e.g. 2025 for the 2025 reform).');
    for (const column of ['valid_from', 'valid_to'] as const) {
      if (r[column] && !DATE.test(r[column]!)) problem(column, 'Dates are written YYYY-MM-DD.');
    }
    if (
      r['valid_from'] &&
      r['valid_to'] &&
      DATE.test(r['valid_from']) &&
      DATE.test(r['valid_to']) &&
      r['valid_to'] < r['valid_from']
    ) {
      problem('valid_to', 'The end of validity is before its start.');
    }
    for (const column of ['kobo_code', 'openimis_code'] as const) {
      const value = r[column];
      if (!value) continue;
      if (!EXTERNAL_CODE.test(value)) problem(column, 'External codes are digits only (e.g. 0301101).');
      const key = `${column}:${column === 'kobo_code' ? value.padStart(7, '0') : value}`;
      if (externalSeen.has(key)) problem(column, `${value} is already the ${column} of row ${externalSeen.get(key)}.`);
      else externalSeen.set(key, row);
    }
    if (CODE.test(code) && !inFile.has(code)) inFile.set(code, { level, row });
    locations.push({
      code,
      name: r['name'] ?? '',
      level: level as LocationRecord['level'],
      parentCode: parent,
      scheme: r['scheme'] ?? '',
      validFrom: r['valid_from'] || null,
      validTo: r['valid_to'] || null,
      isSample: options.isSample,
      koboCode: r['kobo_code'] || null,
      openimisCode: r['openimis_code'] || null,
    });
  });
  if (records.length === 0) problems.push({ row: 1, column: '', message: 'The file has no locations.' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, locations };
}

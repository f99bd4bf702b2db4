import type { Choice, LabelMedia } from '@kusanya/schemas';
import { isBlankRow } from './cells.js';
import { cell, headerOf, localizedCell, type ColumnSet } from './headers.js';
import type { SheetRow, XlsformProblem } from './types.js';

/**
 * Reads a choices sheet (or `external_choices`) as pyxform does: rows grouped by `list_name` (rows
 * without one are not choices), a `name` required, a missing `label` only warned about (the name is
 * shown), a name twice in one list refused unless the setting `allow_choice_duplicates` says yes, and
 * every other column kept as a value choice filters can test (a header with a space is warned about
 * and dropped).
 */

export const MEDIA_KINDS = ['image', 'big-image', 'audio', 'video'] as const;

export function mediaOf(
  row: SheetRow,
  columns: ColumnSet,
  defaultLanguage: string,
  collapse: boolean,
): LabelMedia | undefined {
  const media: { -readonly [K in keyof LabelMedia]: LabelMedia[K] } = {};
  for (const kind of MEDIA_KINDS) {
    const text = localizedCell(row, columns, ['media', kind], defaultLanguage, collapse);
    if (text) media[kind] = text;
  }
  return Object.keys(media).length > 0 ? media : undefined;
}

export interface ChoicesRead {
  readonly lists: Record<string, Choice[]>;
  /** Sheet row of each list's first choice. */
  readonly rowOf: ReadonlyMap<string, number>;
}

export function readChoices(
  rows: readonly SheetRow[],
  columns: ColumnSet,
  defaultLanguage: string,
  allowDuplicates: boolean,
  problems: XlsformProblem[],
  warnings: XlsformProblem[],
): ChoicesRead {
  const sheet = columns.sheet;
  const lists: Record<string, Choice[]> = {};
  const rowOf = new Map<string, number>();
  const seen = new Map<string, number>();
  const listHeader = headerOf(columns, 'list_name');
  const nameHeader = headerOf(columns, 'name');
  const filterColumns = columns.columns.filter((c) => !c.known && c.tokens.length === 1);
  for (const c of filterColumns) {
    if (/\s/.test(c.header.trim())) {
      warnings.push({
        sheet,
        row: 1,
        column: c.header,
        message: `On the '${sheet}' sheet, the '${c.header}' value is invalid. Column headers must not be empty and must not contain spaces.`,
      });
    }
  }
  const usable = filterColumns.filter((c) => !/\s/.test(c.header.trim()));
  for (const row of rows) {
    if (isBlankRow(row)) continue;
    const list = listHeader ? cell(row, listHeader, false) : '';
    if (!list) continue;
    const name = nameHeader ? cell(row, nameHeader, false) : '';
    if (!name) {
      problems.push({
        sheet,
        row: row.row,
        column: nameHeader ?? 'name',
        message: `On the '${sheet}' sheet, the 'name' value is invalid. Choices must have a name.`,
      });
      continue;
    }
    const key = `${list}\u0000${name}`;
    const earlier = seen.get(key);
    if (earlier !== undefined && !allowDuplicates) {
      problems.push({
        sheet,
        row: row.row,
        column: nameHeader ?? 'name',
        message: `'${name}' is already in list '${list}' (row ${earlier}): choice names must be unique in a list. If this is intentional, use the setting 'allow_choice_duplicates'.`,
      });
      continue;
    }
    seen.set(key, row.row);
    let label = localizedCell(row, columns, ['label'], defaultLanguage, false);
    if (!label) {
      warnings.push({
        sheet,
        row: row.row,
        column: headerOf(columns, 'label') ?? 'label',
        message: `On the '${sheet}' sheet, the 'label' value is invalid. Choices should have a label.`,
      });
      label = { [defaultLanguage]: name };
    }
    const filters: Record<string, string> = {};
    for (const c of usable) {
      const text = cell(row, c.header, false);
      if (text !== '') filters[c.header.trim()] = text;
    }
    const media = mediaOf(row, columns, defaultLanguage, false);
    const choice: Choice = {
      name,
      label,
      ...(media ? { media } : {}),
      ...(Object.keys(filters).length > 0 ? { filters } : {}),
    };
    (lists[list] ??= []).push(choice);
    if (!rowOf.has(list)) rowOf.set(list, row.row);
  }
  return { lists, rowOf };
}

import type { Choice } from '@kusanya/schemas';
import { cellText, isBlankRow } from './cells.js';
import { headerFor, localizedCell, plainCell, type ColumnSet } from './columns.js';
import type { SheetRow, XlsformProblem } from './types.js';

/**
 * Reads the choices sheet: `list_name`, `name`, `label` per language, and any other column
 * as a filter value usable in `choice_filter` (e.g. a `province` column for communes).
 */
export function readChoices(
  rows: readonly SheetRow[],
  columns: ColumnSet,
  defaultLanguage: string,
  problems: XlsformProblem[],
): Record<string, Choice[]> {
  const lists: Record<string, Choice[]> = {};
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (isBlankRow(row)) continue;
    const fail = (base: string, message: string) =>
      problems.push({ sheet: 'choices', row: row.row, column: headerFor(columns, base), message });
    const list = plainCell(row, columns, 'list_name');
    const name = plainCell(row, columns, 'name');
    if (!list) {
      fail('list_name', 'missing list_name');
      continue;
    }
    if (!name) {
      fail('name', `missing choice name in list '${list}'`);
      continue;
    }
    const key = `${list}\u0000${name}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail('name', `'${name}' is already in list '${list}' (row ${earlier})`);
      continue;
    }
    seen.set(key, row.row);
    let label = localizedCell(row, columns, 'label', defaultLanguage);
    if (!label) {
      fail('label', `choice '${name}' of list '${list}' has no label`);
      label = { [defaultLanguage]: name };
    }
    const filters: Record<string, string | number> = {};
    for (const header of columns.filters) {
      const raw = row.cells[header];
      const text = cellText(raw);
      if (text !== '') filters[header.trim()] = typeof raw === 'number' ? raw : text;
    }
    const choice: Choice = { name, label, ...(Object.keys(filters).length > 0 ? { filters } : {}) };
    (lists[list] ??= []).push(choice);
  }
  return lists;
}

/** Areas as SQL: tables carry province, commune and colline codes; a set of areas is their OR. */
export interface AreaColumns {
  province: string;
  commune: string;
  colline: string;
}

export interface AreaCodes {
  provinces: string[];
  communes: string[];
  collines: string[];
}

/** A condition and its named parameters; no condition for null (the whole country). */
export function areaCondition(
  areas: AreaCodes | null,
  columns: AreaColumns,
  prefix = 'area',
): { clauses: string[]; params: Record<string, string> } {
  if (areas === null) return { clauses: [], params: {} };
  const parts: string[] = [];
  const params: Record<string, string> = {};
  const add = (column: string, codes: string[], name: string) => {
    if (codes.length === 0) return;
    parts.push(`${column} IN (SELECT value FROM json_each(@${prefix}_${name}))`);
    params[`${prefix}_${name}`] = JSON.stringify(codes);
  };
  add(columns.province, areas.provinces, 'provinces');
  add(columns.commune, areas.communes, 'communes');
  add(columns.colline, areas.collines, 'collines');
  return { clauses: [parts.length > 0 ? `(${parts.join(' OR ')})` : '0'], params };
}

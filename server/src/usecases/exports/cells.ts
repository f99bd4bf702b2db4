/** How registry values are written in export files (CSV and XLSX alike). */

/** A value as one cell: select_multiple as space-separated codes (XLSForm style), a GPS point as "lat lon altitude accuracy". */
export function cellValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v))).join(' ');
  if (typeof value === 'object') {
    const point = value as Record<string, unknown>;
    if (typeof point['lat'] === 'number' && typeof point['lon'] === 'number') {
      return [point['lat'], point['lon'], point['altitude'] ?? '', point['accuracy'] ?? ''].join(' ').trim();
    }
    return JSON.stringify(value);
  }
  return String(value);
}

export { csvField, csvLine } from '@kusanya/shared/csv/cells';

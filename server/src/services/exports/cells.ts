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

/**
 * A text that a spreadsheet would run as a formula ("=cmd|…", "@SUM(…)") is written with a leading
 * apostrophe. Phone numbers and signed numbers ("+25779…", "-3.4") are left alone.
 */
function neutralise(text: string): string {
  if (/^[=@\t\r]/.test(text)) return `'${text}`;
  if (/^[+-]/.test(text) && !/^[+-][\d\s.,]*$/.test(text)) return `'${text}`;
  return text;
}

/** One CSV field (RFC 4180: quoted when it holds a comma, quote or line break). */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

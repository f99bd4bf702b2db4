/**
 * CSV as spreadsheets read it, for every CSV Kusanya writes (server exports, the audit log, the dashboards' downloads
 * in the app): RFC 4180 quoting, and no cell a spreadsheet would run as a formula (CSV injection).
 */

/**
 * A text that a spreadsheet would run as a formula ("=cmd|…", "@SUM(…)", "+A1") is written with a leading
 * apostrophe. Phone numbers and signed numbers ("+25779…", "-3.4") are left alone.
 */
export function neutraliseFormula(text: string): string {
  if (/^[=@\t\r]/.test(text)) return `'${text}`;
  if (/^[+-]/.test(text) && !/^[+-][\d\s.,]*$/.test(text)) return `'${text}`;
  return text;
}

/** One CSV field: empty for nothing, numbers as they are, text neutralised and quoted when it holds , " or a line break. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

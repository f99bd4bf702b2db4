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

/**
 * How a CSV separates fields and writes decimals, by the language of the person who opens it: a spreadsheet set
 * to French (or Kirundi, whose computers are set to French) reads `;` between fields and `,` before decimals — a
 * comma-separated file opens in one column there. English keeps `,` and `.`.
 */
export interface CsvDialect {
  separator: ',' | ';';
  decimal: '.' | ',';
}

export const COMMA_CSV: CsvDialect = { separator: ',', decimal: '.' };
export const SEMICOLON_CSV: CsvDialect = { separator: ';', decimal: ',' };

/** The dialect a spreadsheet in this language expects (French and Kirundi: `;` and decimal comma). */
export function csvDialect(lang: string | undefined): CsvDialect {
  return lang === 'fr' || lang === 'rn' ? SEMICOLON_CSV : COMMA_CSV;
}

/**
 * One CSV field: empty for nothing, numbers with the dialect's decimal mark, text neutralised and quoted when it
 * holds the separator, a quote or a line break.
 */
export function csvField(value: string | number | null | undefined, dialect: CsvDialect = COMMA_CSV): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return dialect.decimal === '.' ? String(value) : String(value).replace('.', ',');
  const text = neutraliseFormula(value);
  return text.includes(dialect.separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export function csvLine(
  values: readonly (string | number | null | undefined)[],
  dialect: CsvDialect = COMMA_CSV,
): string {
  return `${values.map((v) => csvField(v, dialect)).join(dialect.separator)}\r\n`;
}

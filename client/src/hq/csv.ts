import { saveBlob } from '../ui/save-file.js';

/** Saves rows as a CSV file (UTF-8 with a byte-order mark, so spreadsheets read accents right). */
export function downloadCsv(
  filename: string,
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): void {
  const field = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '';
    const text = String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const text = `\uFEFF${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), filename);
}

/**
 * CSV form media (`select_one_from_file`, `pulldata()`, `search()`), read as ODK does: a header row naming
 * the columns, then one row per item; fields separated by commas, quoted with `"` when they hold commas,
 * quotes (doubled) or line breaks. A byte-order mark is skipped, blank lines are ignored, spaces around
 * unquoted fields are dropped, a short row leaves its last columns out and cells beyond the header are
 * ignored. A quote left open, text after a closing quote or a quote inside an unquoted field makes the file unreadable (said with its line).
 */
export function parseCsvRows(text: string): Record<string, string>[] {
  const records = parseRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = records.shift()?.map((h) => h.trim()) ?? [];
  return records.map((fields) => {
    const row: Record<string, string> = {};
    header.forEach((name, i) => {
      if (i < fields.length && name !== '') row[name] = fields[i]!;
    });
    return row;
  });
}

function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push(fields);
    fields = [];
  };
  while (i <= n) {
    // One field.
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    let value: string;
    if (text[i] === '"') {
      const startLine = line;
      i++;
      let out = '';
      for (;;) {
        if (i >= n) throw new Error(`a quote opened on line ${startLine} is never closed`);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            out += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        out += c;
        i++;
      }
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
      if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r')
        throw new Error(`line ${line}: text after the closing quote of a field`);
      value = out;
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') {
        if (text[j] === '"') throw new Error(`line ${line}: a quote inside a field that does not start with one`);
        j++;
      }
      value = text.slice(i, j).trim();
      i = j;
    }
    fields.push(value);
    if (i >= n) {
      endRecord();
      break;
    }
    const sep = text[i];
    i++;
    if (sep === ',') continue;
    if (sep === '\r' && text[i] === '\n') i++;
    line++;
    endRecord();
  }
  return records;
}

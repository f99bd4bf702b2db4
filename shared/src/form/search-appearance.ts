import type { Choice } from '@kusanya/schemas';

/**
 * ODK Collect's `search()` appearance: a select whose choices are the rows of a CSV file of the form's
 * media. `search('file')` lists every row; `search('file', mode, column, value[, column2, value2])` keeps
 * the rows whose `column` contains / starts with / ends with / matches (equals) `value`, a quoted text
 * or a `${question}`. The choice list of the choices sheet names the CSV columns: its first choice's
 * name is the column holding the stored value, its label the column shown (the first of a
 * comma-separated list). pyxform writes the choices sheet's list into the XForm; we do the same while
 * the file is not attached.
 */
export interface SearchAppearance {
  readonly file: string;
  /** The filter as a choice-filter expression on the file's rows, when the appearance has one. */
  readonly filter?: string;
}

const MODES: Readonly<Record<string, (column: string, value: string) => string>> = {
  contains: (c, v) => `contains(${c}, ${v})`,
  startswith: (c, v) => `starts-with(${c}, ${v})`,
  endswith: (c, v) => `ends-with(${c}, ${v})`,
  matches: (c, v) => `${c} = ${v}`,
};

/** Arguments of `search(...)`: quoted texts, `${name}` references or bare words, separated by commas. */
function splitArguments(text: string): string[] | null {
  const out: string[] = [];
  const re = /\s*('[^']*'|"[^"]*"|\$\{[^}]+\}|[^,\s)]+)\s*(,|$)/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return null;
    out.push(m[1]!);
    at = re.lastIndex;
    if (m[2] === '') break;
  }
  return at >= text.length ? out : null;
}

const unquote = (arg: string) => (/^(['"]).*\1$/.test(arg) ? arg.slice(1, -1) : arg);
const isColumn = (name: string) => /^[A-Za-z_][\w.-]*$/.test(name);

/** The search() of an appearance, or null when it has none or it cannot be read. */
export function parseSearch(appearance: string | undefined): SearchAppearance | null {
  const m = /\bsearch\((.*)\)/.exec(appearance ?? '');
  if (!m) return null;
  const args = splitArguments(m[1]!.trim());
  if (!args || args.length === 0) return null;
  const name = unquote(args[0]!);
  const file = /\.csv$/i.test(name) ? name : `${name}.csv`;
  if (args.length === 1) return { file };
  const mode = MODES[unquote(args[1]!).toLowerCase()];
  const pairs = args.slice(2);
  if (!mode || (pairs.length !== 2 && pairs.length !== 4)) return null;
  const parts: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const column = unquote(pairs[i]!);
    if (!isColumn(column)) return null;
    const raw = pairs[i + 1]!;
    const value = raw.startsWith('${') ? raw : `'${unquote(raw).replace(/'/g, '')}'`;
    // The second pair is always an exact match (Collect's rule).
    parts.push(i === 0 ? mode(column, value) : MODES['matches']!(column, value));
  }
  return { file, filter: parts.join(' and ') };
}

/** The CSV columns named by the choice list: the value column and the label column. */
export function searchColumns(list: readonly Choice[], language: string): { value: string; label: string } | null {
  const first = list[0];
  if (!first) return null;
  const label = first.label[language] ?? Object.values(first.label).find((v) => v !== undefined) ?? first.name;
  const labelColumn = label.split(',')[0]!.trim();
  return { value: first.name, label: labelColumn || first.name };
}

import type { Choice, FormDefinition, FormNode } from '@kusanya/schemas';
import { parseSearch } from '@kusanya/shared/form/search-appearance';

/**
 * Which answers the location questions of a form may take for a user: the area question (the form's
 * `areaField`, the record's colline) only the places of the user's assigned areas, and each question above it
 * in the cascade (province → commune → zone, linked by choice filters such as `zone=${zone}`) only the places
 * that lead to one of them. The server refuses a record for a colline outside its author's areas (DESIGN.md §3
 * rule 6), so offering one would only make a record that cannot be accepted.
 *
 * Per question name, the choice names allowed; null when the form has no area question or the user no areas.
 */
export type AreaScope = ReadonlyMap<string, ReadonlySet<string>>;

/** `column=${question}` (spaces allowed): the cascading filter XLSForms use for place lists. */
const CASCADE = /^\s*([A-Za-z_][\w.-]*)\s*=\s*\$\{([A-Za-z_][\w.-]*)\}\s*$/;

function findNode(nodes: readonly FormNode[], name: string): FormNode | undefined {
  for (const node of nodes) {
    if (node.name === name) return node;
    const inner = node.children ? findNode(node.children, name) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

interface Level {
  readonly question: string;
  readonly choices: readonly Choice[];
  /** The choices' column naming their place one level up (absent at the top). */
  readonly column?: string;
}

/**
 * Whether a select's places come from a CSV of the form's media (`search('collines')` with the file attached): its
 * choices sheet only names the file's columns, so it cannot say which places are the user's (the server still
 * refuses a record for a colline outside them).
 */
function placesFromFile(definition: FormDefinition, node: FormNode): boolean {
  const search = parseSearch(node.appearance);
  return search !== null && (definition.media ?? []).some((file) => file.name === search.file);
}

/** The area question, then each question above it in the cascade (as far as the places are in the form). */
function cascade(definition: FormDefinition): Level[] {
  const levels: Level[] = [];
  let node = definition.areaField ? findNode(definition.fields, definition.areaField) : undefined;
  while (node?.list && !placesFromFile(definition, node) && !levels.some((l) => l.question === node!.name)) {
    const link = node.choiceFilter ? CASCADE.exec(node.choiceFilter) : null;
    const choices = definition.choices[node.list] ?? [];
    levels.push({ question: node.name, choices, ...(link ? { column: link[1]! } : {}) });
    node = link ? findNode(definition.fields, link[2]!) : undefined;
  }
  return levels;
}

export function areaScope(definition: FormDefinition, areas: readonly string[]): AreaScope | null {
  const levels = cascade(definition);
  if (levels.length === 0 || areas.length === 0) return null;
  const assigned = new Set(areas);
  // Each place of the area list with its places above: [colline, zone, commune, province].
  const lines = levels[0]!.choices.map((leaf) => {
    const line = [leaf.name];
    let current: Choice | undefined = leaf;
    for (let i = 0; i + 1 < levels.length && current; i++) {
      const up: string | number | undefined = levels[i]!.column ? current.filters?.[levels[i]!.column!] : undefined;
      if (up === undefined) break;
      line.push(String(up));
      current = levels[i + 1]!.choices.find((c) => c.name === String(up));
    }
    return line;
  });
  // A place is open when it or a place above it is assigned (a supervisor's commune opens its collines).
  const open = lines.filter((line) => line.some((name) => assigned.has(name)));
  return new Map(levels.map((level, i) => [level.question, new Set(open.map((line) => line[i]!).filter(Boolean))]));
}

/** The label of a place of the area list (for messages naming a colline), or its code when the form lacks it. */
export function placeLabel(definition: FormDefinition, code: string, lang: string): string {
  const node = definition.areaField ? findNode(definition.fields, definition.areaField) : undefined;
  const choice = node?.list ? definition.choices[node.list]?.find((c) => c.name === code) : undefined;
  if (!choice) return code;
  return choice.label[lang] ?? choice.label[definition.defaultLanguage] ?? Object.values(choice.label)[0] ?? code;
}

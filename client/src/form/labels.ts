import type { FieldError, FormDefinition, FormNode, LocalizedText } from '@kusanya/schemas';
import { parsePath } from '@kusanya/shared/form/engine';

/** Text in the chosen language, else the form's default language, else any language it has. */
export function localize(
  text: LocalizedText | undefined,
  lang: string,
  definition: Pick<FormDefinition, 'defaultLanguage'>,
): string {
  if (!text) return '';
  return text[lang] ?? text[definition.defaultLanguage] ?? Object.values(text).find((v) => v !== undefined) ?? '';
}

function findNode(nodes: readonly FormNode[], name: string): FormNode | undefined {
  for (const node of nodes) {
    if (node.name === name) return node;
    const inner = node.children ? findNode(node.children, name) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Where a message about `path` belongs, in words: the question's label, after the entries that hold it
 * (`members[2].sex` → "Membres du ménage 3 › Sexe"). Unknown paths are shown as they are.
 */
export function pathLabel(definition: FormDefinition, path: string, lang: string): string {
  if (path === '') return '';
  const parsed = parsePath(path);
  if (!parsed) return path;
  const parts = parsed.steps.map((step) => {
    const repeat = findNode(definition.fields, step.repeat);
    return `${localize(repeat?.label, lang, definition) || step.repeat} ${step.index + 1}`;
  });
  if (parsed.name) {
    const node = findNode(definition.fields, parsed.name);
    parts.push(localize(node?.label, lang, definition) || parsed.name);
  }
  return parts.join(' › ');
}

/**
 * A problem with one answer, for lists of problems: the label of its question and the problem in words — a
 * catalogued server problem (`code`) worded by `problem` in the person's language, else its message (the form
 * engine's own messages are already in the form's language).
 */
export function describeFieldError(
  definition: FormDefinition | undefined,
  error: FieldError,
  lang: string,
  problem: (error: FieldError) => string | null = () => null,
): string {
  // The record's own fields (meta.area…) are no question: the problem names its place itself.
  const where = definition && !error.path.startsWith('meta.') ? pathLabel(definition, error.path, lang) : '';
  const text = (error.code ? problem(error) : null) ?? error.message;
  return where ? `${where} : ${text}` : text;
}

/** The sample-data marker places carry (tools/src/seed/sample-locations.csv), in each interface language. */
const SAMPLE_MARKERS: Record<string, string> = { en: 'sample', fr: 'exemple', rn: 'akarorero' };
const SAMPLE_SUFFIX = / \((sample|synthetic|exemple|akarorero)\)$/;

/**
 * "Mubuga (sample)" in the interface language ("Mubuga (exemple)"): demo and synthetic places say they are samples,
 * in words.
 */
export function sampleMarked(name: string, lang: string): string {
  const marker = SAMPLE_MARKERS[lang] ?? SAMPLE_MARKERS['en'];
  return name.replace(SAMPLE_SUFFIX, ` (${marker})`);
}

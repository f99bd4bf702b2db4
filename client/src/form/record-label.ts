import type { FormDefinition, FormNode } from '@kusanya/schemas';
import { localize } from './labels.js';

/**
 * A record's label when its form has no instance name: the first answered text question outside
 * any repeat, in document order.
 */
export function fallbackRecordLabel(fields: readonly FormNode[], data: Record<string, unknown>): string {
  for (const node of fields) {
    if (node.type === 'group') {
      const inner = fallbackRecordLabel(node.children ?? [], data);
      if (inner) return inner;
    } else if (node.type === 'text' && typeof data[node.name] === 'string' && data[node.name]) {
      return data[node.name] as string;
    }
  }
  return '';
}

/** The labels of the answers to single-choice questions outside repeats, by the code answered. */
function answeredChoiceLabels(
  definition: FormDefinition,
  nodes: readonly FormNode[],
  data: Record<string, unknown>,
  lang: string,
  into: Map<string, string>,
): Map<string, string> {
  for (const node of nodes) {
    if (node.type === 'group') answeredChoiceLabels(definition, node.children ?? [], data, lang, into);
    else if (node.type === 'select_one' && node.list && typeof data[node.name] === 'string') {
      const choice = definition.choices[node.list]?.find((c) => c.name === data[node.name]);
      if (choice) into.set(choice.name, localize(choice.label, lang, definition));
    }
  }
  return into;
}

const SEPARATORS = /^[\s—–\-·,:;/]+|[\s—–\-·,:;/]+$/g;

/**
 * A record's title in words: the form's instance name (or its first text answer) with every choice code it
 * shows replaced by the choice's label ("Jean — CL03010101" → "Jean — Mubuga", "SENSITISATION_TRAINING — …" →
 * "Sensibilisation — …"), without dangling separators when a part is still empty. Empty when nothing is answered
 * yet (the caller names the record by its form then).
 */
export function recordTitle(
  definition: FormDefinition,
  name: string | undefined,
  data: Record<string, unknown>,
  lang: string,
): string {
  const labels = answeredChoiceLabels(definition, definition.fields, data, lang, new Map());
  const raw = name ?? fallbackRecordLabel(definition.fields, data);
  const area = definition.areaField ? data[definition.areaField] : undefined;
  // Without an instance name, the place tells records apart ("Jean — Mubuga").
  const text = name === undefined && typeof area === 'string' && raw ? `${raw} — ${area}` : raw;
  return text
    .replace(/[A-Za-z0-9_]+/g, (token) => labels.get(token) ?? token)
    .replace(/(\s*[—–-]\s*){2,}/g, ' — ')
    .replace(SEPARATORS, '');
}

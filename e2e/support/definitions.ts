import type { FormDefinition, FormNode } from '@kusanya/schemas';

function findNode(nodes: readonly FormNode[], name: string): FormNode | undefined {
  for (const node of nodes) {
    if (node.name === name) return node;
    const inner = node.children ? findNode(node.children, name) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** The form's own message for a broken constraint of `name`, in `lang`, with `${field}` filled from `values`. */
export function constraintMessage(
  definition: FormDefinition,
  name: string,
  lang: string,
  values: Record<string, string | number> = {},
): string {
  const text = findNode(definition.fields, name)?.constraintMessage;
  const message = text?.[lang] ?? text?.[definition.defaultLanguage];
  if (!message) throw new Error(`${name} has no constraint message`);
  return message.replace(/\$\{(\w+)\}/g, (whole, field: string) => String(values[field] ?? whole));
}

/** The form's title in `lang`. */
export function formTitle(definition: FormDefinition, lang: string): string {
  return definition.title[lang] ?? definition.title[definition.defaultLanguage] ?? definition.formId;
}

/** A date `days` before today, as a date question stores it. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

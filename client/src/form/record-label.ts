import type { FormNode } from '@kusanya/schemas';

/**
 * A short human label for a record in lists (who it is about): the first answered text question at the
 * top level of the form. (Forms with an `instanceName` expression get it from the form engine.)
 */
export function recordLabel(fields: FormNode[], data: Record<string, unknown>): string {
  for (const node of fields) {
    if (node.type === 'group') {
      const inner = recordLabel(node.children ?? [], data);
      if (inner) return inner;
    } else if (node.type === 'text' && typeof data[node.name] === 'string' && data[node.name]) {
      return data[node.name] as string;
    }
  }
  return '';
}

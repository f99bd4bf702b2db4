import type { FormNode } from '@kusanya/schemas';

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

import type { FormNode } from '@kusanya/schemas';

/**
 * The keys of the answers. A record keeps its answers by question name (groups do not nest them), so a
 * name used twice in the form — pyxform allows the same name in different groups, and a loop repeats
 * its questions once per choice — gets its full path as key (`group/name`, as KoboToolbox writes
 * it), and keeps the name it was written with as `sourceName` (what `${name}` refers to; pyxform
 * refuses a reference to such a name, and so does the form compiler).
 */
export function qualifyNames(fields: FormNode[]): Map<FormNode, FormNode> {
  const count = new Map<string, number>();
  const visit = (nodes: readonly FormNode[], fn: (n: FormNode, path: string) => void, prefix = '') => {
    for (const n of nodes) {
      const path = prefix === '' ? n.name : `${prefix}/${n.name}`;
      fn(n, path);
      if (n.children) visit(n.children, fn, path);
    }
  };
  visit(fields, (n) => count.set(n.name, (count.get(n.name) ?? 0) + 1));
  const renamed = new Map<FormNode, FormNode>();
  visit(fields, (n, path) => {
    if ((count.get(n.name) ?? 0) < 2 || path === n.name) return;
    renamed.set(n, n);
    n.sourceName = n.name;
    n.name = path;
  });
  return renamed;
}

import type { FieldError, FormNode } from '@kusanya/schemas';

type Answers = Record<string, unknown>;
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Foundation check run before finalising: required answers and repeat counts.
 * (The form engine in `shared/` replaces this with full XLSForm validation.)
 */
export function missingAnswers(nodes: FormNode[], data: Answers, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  for (const node of nodes) {
    const path = `${prefix}${node.name}`;
    if (node.type === 'group') errors.push(...missingAnswers(node.children ?? [], data, prefix));
    else if (node.type === 'repeat') {
      const rows = Array.isArray(data[node.name]) ? (data[node.name] as Answers[]) : [];
      if (node.minCount !== undefined && rows.length < node.minCount) errors.push({ path, message: `at least ${node.minCount}` });
      rows.forEach((row, i) => errors.push(...missingAnswers(node.children ?? [], row, `${path}[${i}].`)));
    } else if (node.required === true && isEmpty(data[node.name])) errors.push({ path, message: 'required' });
  }
  return errors;
}

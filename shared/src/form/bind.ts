import type { FormDefinition, LocalizedText } from '@kusanya/schemas';
import type { ExprScope, RefTarget } from '../expr/check.js';
import { compileExpression } from '../expr/compile.js';
import { describeProblem } from '../expr/problem.js';
import { parseDate } from '../expr/values.js';
import type { NodeDraft, Tree } from './build-tree.js';
import type { BoundExpression, BoundRef, CompiledNode, CompiledText, TextPart } from './model.js';
import type { FormProblem, FormProperty } from './problems.js';

/**
 * Compiles every expression and translated text of the form against the node it belongs to,
 * and binds each `${name}` to a {@link BoundRef} (how to reach the value from that node's scope).
 */

const PLACEHOLDER = /\$\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}/g;

/** Where an expression is evaluated from: a node's cell scope (the top level for form-level expressions). */
interface Context {
  readonly repeatPath: readonly CompiledNode[];
}

const TOP_LEVEL: Context = { repeatPath: [] };

export function bindRef(context: Context, target: CompiledNode): BoundRef {
  const c = commonDepthOf(target.repeatPath, context.repeatPath);
  const below = target.repeatPath.slice(c);
  const down = target.type === 'repeat' ? [...below, target] : below;
  return { target, up: context.repeatPath.length - c, down, nodeSet: down.length > 0 };
}

function commonDepthOf(a: readonly CompiledNode[], b: readonly CompiledNode[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function refTarget(node: CompiledNode): RefTarget {
  const kind = node.type === 'repeat' ? 'repeat' : node.type === 'group' ? 'group' : 'field';
  return { kind, repeatPath: node.repeatPath.map((r) => r.name) };
}

export interface Binder {
  expression(
    node: NodeDraft | null,
    property: FormProperty,
    source: string,
    options?: { allowCurrent?: boolean; columns?: ReadonlySet<string> },
  ): BoundExpression | undefined;
  text(node: NodeDraft, property: FormProperty, text: LocalizedText | undefined): CompiledText | undefined;
}

/** A binder over the tree; problems are appended to `problems`, each naming node and property. */
export function createBinder(tree: Tree, problems: FormProblem[]): Binder {
  const resolve = (name: string) => {
    const target = tree.byName.get(name);
    return target ? refTarget(target) : undefined;
  };
  return {
    expression(node, property, source, options = {}) {
      const context: Context = node ?? TOP_LEVEL;
      const scope: ExprScope = {
        resolve,
        repeatPath: context.repeatPath.map((r) => r.name),
        allowCurrent: options.allowCurrent ?? false,
        ...(options.columns ? { columns: options.columns } : {}),
      };
      const compiled = compileExpression(source, scope);
      if (!compiled.ok) {
        for (const p of compiled.problems) {
          problems.push({ ...(node ? { node: node.name } : {}), property, message: describeProblem(p) });
        }
        return undefined;
      }
      const refs = new Map<string, BoundRef>();
      for (const name of compiled.expression.refs) refs.set(name, bindRef(context, tree.byName.get(name)!));
      return { expression: compiled.expression, refs };
    },

    text(node, property, text) {
      if (!text) return undefined;
      const byLanguage = new Map<string, TextPart[]>();
      const refs: BoundRef[] = [];
      for (const [language, value] of Object.entries(text)) {
        if (value === undefined) continue;
        const parts: TextPart[] = [];
        let last = 0;
        for (const m of value.matchAll(PLACEHOLDER)) {
          const name = m[1]!;
          const target = tree.byName.get(name);
          if (m.index > last) parts.push(value.slice(last, m.index));
          last = m.index + m[0].length;
          if (!target) {
            problems.push({ node: node.name, property, language, message: `unknown field \${${name}}` });
            continue;
          }
          if (target.type === 'group') {
            problems.push({
              node: node.name,
              property,
              language,
              message: `\${${name}} is a group, which has no value`,
            });
            continue;
          }
          const ref = bindRef(node, target);
          if (ref.nodeSet) {
            problems.push({
              node: node.name,
              property,
              language,
              message: `\${${name}} has one value per repeat entry here; show a calculate (e.g. with sum() or count()) instead`,
            });
            continue;
          }
          parts.push(ref);
          refs.push(ref);
        }
        if (last < value.length) parts.push(value.slice(last));
        byLanguage.set(language, parts);
      }
      return { byLanguage, refs };
    },
  };
}

/** A default is an expression (evaluated when its instance is created) if it contains `${` or `(`. */
export function isDynamicDefault(text: string): boolean {
  return text.includes('${') || text.includes('(');
}

/** Converts a literal default to the answer it stands for, or explains why it cannot. */
export function literalDefault(node: CompiledNode, text: string): { value: unknown } | { error: string } {
  const t = text.trim();
  switch (node.type) {
    case 'text':
      return { value: text };
    case 'integer':
      return /^-?\d+$/.test(t) ? { value: Number(t) } : { error: `'${text}' is not a whole number` };
    case 'decimal':
      return /^-?(\d+\.?\d*|\.\d+)$/.test(t) ? { value: Number(t) } : { error: `'${text}' is not a number` };
    case 'date':
      return parseDate(t) && t.length === 10 ? { value: t } : { error: `'${text}' is not a date (YYYY-MM-DD)` };
    case 'select_one':
      return node.choiceByName?.has(t) ? { value: t } : { error: `'${text}' is not one of the choices` };
    case 'select_multiple': {
      const names = t.split(/\s+/).filter(Boolean);
      const bad = names.find((n) => !node.choiceByName?.has(n));
      return bad === undefined ? { value: names } : { error: `'${bad}' is not one of the choices` };
    }
    case 'geopoint': {
      const parts = t.split(/\s+/).map(Number);
      if (parts.length < 2 || parts.some((p) => Number.isNaN(p)))
        return { error: `'${text}' is not "lat lon [altitude accuracy]"` };
      const [lat, lon, altitude, accuracy] = parts as [number, number, number?, number?];
      return { value: { lat, lon, accuracy: accuracy ?? 0, ...(altitude !== undefined ? { altitude } : {}) } };
    }
    default:
      return { error: `a ${node.type} takes no default` };
  }
}

/** Compiles all expressions and texts of every node, and the form-level instance name. */
export function bindAll(
  tree: Tree,
  definition: FormDefinition,
  binder: Binder,
  problems: FormProblem[],
): BoundExpression | undefined {
  for (const node of tree.nodes) {
    const f = node.source;
    if (f.relevant) node.relevant = binder.expression(node, 'relevant', f.relevant);
    if (f.calculation) node.calculation = binder.expression(node, 'calculation', f.calculation);
    if (f.constraint) node.constraint = binder.expression(node, 'constraint', f.constraint, { allowCurrent: true });
    if (f.repeatCount) node.repeatCount = binder.expression(node, 'repeatCount', f.repeatCount);
    if (typeof f.required === 'string') {
      node.required = binder.expression(node, 'required', f.required, { allowCurrent: true }) ?? false;
    } else {
      node.required = f.required === true;
    }
    if (typeof f.readOnly === 'string') {
      node.readOnly = binder.expression(node, 'readOnly', f.readOnly, { allowCurrent: true }) ?? false;
    } else {
      node.readOnly = f.readOnly === true;
    }
    if (f.choiceFilter && node.choices) {
      const columns = new Set<string>(['name']);
      for (const c of node.choices) for (const key of Object.keys(c.filters ?? {})) columns.add(key);
      node.choiceFilter = binder.expression(node, 'choiceFilter', f.choiceFilter, { columns });
    }
    if (f.default !== undefined && node.holdsValue && node.type !== 'calculate') {
      if (isDynamicDefault(f.default)) {
        node.dynamicDefault = binder.expression(node, 'default', f.default);
      } else {
        const literal = literalDefault(node, f.default);
        if ('error' in literal) problems.push({ node: node.name, property: 'default', message: literal.error });
        else node.staticDefault = literal.value;
      }
    }
    node.label = binder.text(node, 'label', f.label);
    node.hint = binder.text(node, 'hint', f.hint);
    node.constraintMessage = binder.text(node, 'constraintMessage', f.constraintMessage);
    node.requiredMessage = binder.text(node, 'requiredMessage', f.requiredMessage);
  }
  return definition.instanceName ? binder.expression(null, 'instanceName', definition.instanceName) : undefined;
}

import type { FormDefinition, LocalizedText } from '@kusanya/schemas';
import { compileExpression } from '../expr/compile.js';
import { parseDateTime, parseTime } from '../expr/dates.js';
import { describeProblem } from '../expr/problem.js';
import { parseDate } from '../expr/values.js';
import { bindExpression, bindRef, type ExprBinding, type ExprSite } from './bind-expression.js';
import { searchFile, type NodeDraft, type Tree } from './build-tree.js';
import type { InstanceSet } from './instances.js';
import type { BoundExpression, BoundRef, CompiledNode, CompiledText, TextPart } from './model.js';
import type { FormProblem, FormProperty } from './problems.js';

/**
 * Compiles every expression and translated text of the form against the node it belongs to: each
 * reference is resolved (bind-expression.ts) to a {@link BoundRef} (how to reach the value from that
 * node's scope).
 */

const PLACEHOLDER = /\$\{\s*([^}\s]+)\s*\}/g;

export interface Binder {
  expression(
    node: NodeDraft | null,
    property: FormProperty,
    source: string,
    options?: { mode?: ExprSite['mode']; columns?: ReadonlySet<string> | null },
  ): BoundExpression | undefined;
  text(node: NodeDraft, property: FormProperty, text: LocalizedText | undefined): CompiledText | undefined;
}

/** A binder over the tree; problems (and warnings) are appended, each naming node and property. */
export function createBinder(
  tree: Tree,
  instances: InstanceSet,
  problems: FormProblem[],
  warnings: FormProblem[] = [],
): Binder {
  return {
    expression(node, property, source, options = {}) {
      let binding: ExprBinding | undefined;
      const site: ExprSite = { node, mode: options.mode ?? 'question', columns: options.columns ?? null };
      const compiled = compileExpression(source, (ast) => {
        binding = bindExpression(tree, instances, site, ast);
        return binding;
      });
      if (!compiled.ok) {
        for (const p of compiled.problems) {
          problems.push({ ...(node ? { node: node.name } : {}), property, message: describeProblem(p) });
        }
        return undefined;
      }
      for (const w of compiled.warnings) {
        warnings.push({ ...(node ? { node: node.name } : {}), property, message: describeProblem(w) });
      }
      const b = binding!;
      return {
        expression: compiled.expression,
        site: node,
        refs: b.refs,
        deps: b.deps,
        dependsOnAll: b.dependsOnAll,
        meta: b.meta,
        choiceQuestions: b.choiceQuestions,
        indexedRepeats: b.indexedRepeats,
      };
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
          if (m.index > last) parts.push(value.slice(last, m.index));
          last = m.index + m[0].length;
          const found = tree.bySource.get(name) ?? [];
          if (found.length === 0) {
            // pyxform accepts ${instanceID} and the like: the record's metadata, shown empty here.
            if (/^(instanceID|instanceName)$/.test(name)) continue;
            problems.push({ node: node.name, property, language, message: `unknown field \${${name}}` });
            continue;
          }
          if (found.length > 1) {
            problems.push({
              node: node.name,
              property,
              language,
              message: `\${${name}} is ambiguous: there are ${found.length} questions named '${name}' (in different groups)`,
            });
            continue;
          }
          const target = found[0]!;
          if (target.type === 'group') {
            problems.push({
              node: node.name,
              property,
              language,
              message: `\${${name}} is a group, which has no value`,
            });
            continue;
          }
          // A placeholder for a repeated value shows the first one, as ODK does.
          const ref = bindRef(node, target);
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

function dateTimeDefault(text: string): string | null {
  const dt = parseDateTime(text);
  return dt ? text : null;
}

/** Converts a literal default to the answer it stands for, or explains why it cannot. */
export function literalDefault(node: CompiledNode, text: string): { value: unknown } | { error: string } {
  const t = text.trim();
  switch (node.type) {
    case 'text':
    case 'barcode':
    case 'hidden':
    case 'calculate':
    case 'image':
    case 'audio':
    case 'video':
    case 'file':
      return { value: text };
    case 'integer':
      return /^-?\d+$/.test(t) ? { value: Number(t) } : { error: `'${text}' is not a whole number` };
    case 'decimal':
    case 'range':
      return /^-?(\d+\.?\d*|\.\d+)$/.test(t) ? { value: Number(t) } : { error: `'${text}' is not a number` };
    case 'date': {
      // pyxform reads a date cell as `YYYY-MM-DD HH:MM:SS`: its day is meant.
      const day = t.slice(0, 10);
      return parseDate(day) && (t.length === 10 || /^\d{4}-\d{2}-\d{2}[ T]/.test(t))
        ? { value: day }
        : { error: `'${text}' is not a date (YYYY-MM-DD)` };
    }
    case 'time':
      return parseTime(t) ? { value: t } : { error: `'${text}' is not a time (HH:MM)` };
    case 'dateTime':
      return dateTimeDefault(t) ? { value: t } : { error: `'${text}' is not a date and time (YYYY-MM-DDTHH:MM)` };
    case 'select_one':
      if (node.source.itemset) return { value: t };
      return node.choiceByName?.has(t) ? { value: t } : { error: `'${text}' is not one of the choices` };
    case 'select_multiple':
    case 'rank': {
      const names = t.split(/\s+/).filter(Boolean);
      if (node.source.itemset) return { value: names };
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
  instances: InstanceSet,
  problems: FormProblem[],
  warnings: FormProblem[] = [],
): BoundExpression | undefined {
  for (const node of tree.nodes) {
    const f = node.source;
    if (f.relevant) node.relevant = binder.expression(node, 'relevant', f.relevant);
    if (f.calculation) node.calculation = binder.expression(node, 'calculation', f.calculation);
    if (f.constraint) node.constraint = binder.expression(node, 'constraint', f.constraint);
    if (f.repeatCount) node.repeatCount = binder.expression(node, 'repeatCount', f.repeatCount);
    if (typeof f.required === 'string') node.required = binder.expression(node, 'required', f.required) ?? false;
    else node.required = f.required === true;
    if (typeof f.readOnly === 'string') node.readOnly = binder.expression(node, 'readOnly', f.readOnly) ?? false;
    else node.readOnly = f.readOnly === true;
    const searchFilter = searchFile(f, instances)?.filter;
    const choiceFilter =
      searchFilter && f.choiceFilter ? `(${searchFilter}) and (${f.choiceFilter})` : (searchFilter ?? f.choiceFilter);
    if (choiceFilter && node.choiceInstance !== undefined) {
      node.choiceFilter = binder.expression(node, 'choiceFilter', choiceFilter, {
        mode: 'choice-filter',
        columns: instances.columns(node.choiceInstance),
      });
    } else if (f.choiceFilter && f.itemset && 'ref' in f.itemset) {
      node.choiceFilter = binder.expression(node, 'choiceFilter', f.choiceFilter, { mode: 'choice-filter' });
    }
    if (f.itemset && 'ref' in f.itemset) {
      const found = tree.bySource.get(f.itemset.ref) ?? [];
      if (found.length !== 1) {
        problems.push({
          node: node.name,
          property: 'list',
          message: found.length === 0 ? `unknown field \${${f.itemset.ref}}` : `\${${f.itemset.ref}} is ambiguous`,
        });
      } else {
        node.choicesFrom = bindRef(node, found[0]!);
      }
    }
    if (f.trigger) {
      const found = tree.bySource.get(f.trigger) ?? [];
      if (found.length !== 1) {
        problems.push({
          node: node.name,
          property: 'trigger',
          message: `the trigger \${${f.trigger}} is not one question of the form`,
        });
      } else node.trigger = bindRef(node, found[0]!);
    }
    if (f.default !== undefined && node.holdsValue) {
      if (isDynamicDefault(f.default)) {
        node.dynamicDefault = binder.expression(node, 'default', f.default);
      } else {
        const literal = literalDefault(node, f.default);
        // pyxform writes any default into the form: one that is not a valid answer is left out, and said.
        if ('error' in literal)
          warnings.push({ node: node.name, property: 'default', message: `${literal.error}: the default is not used` });
        else node.staticDefault = literal.value;
      }
    }
    node.volatile = Boolean(node.calculation?.expression.volatile) || node.trigger !== undefined;
    node.label = binder.text(node, 'label', f.label);
    node.hint = binder.text(node, 'hint', f.hint);
    node.constraintMessage = binder.text(node, 'constraintMessage', f.constraintMessage);
    node.requiredMessage = binder.text(node, 'requiredMessage', f.requiredMessage);
    const dynamic = (node.choices ?? []).filter((c) => Object.values(c.label ?? {}).some((l) => l?.includes('${')));
    if (dynamic.length > 0) {
      const texts = new Map<string, CompiledText>();
      for (const choice of dynamic) {
        const text = binder.text(node, 'list', choice.label);
        if (text) texts.set(choice.name, text);
      }
      node.choiceTexts = texts;
    }
  }
  return definition.instanceName ? binder.expression(null, 'instanceName', definition.instanceName) : undefined;
}

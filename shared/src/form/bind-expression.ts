import type { Call, Expr, FieldRef, PathExpr, Step } from '../expr/ast.js';
import { languageKey } from '../xlsform/cells.js';
import type { Binding } from '../expr/compile.js';
import type { ExprProblem } from '../expr/problem.js';
import type { NodeDraft, Tree } from './build-tree.js';
import type { InstanceSet } from './instances.js';
import type { BoundRef, CompiledNode, IndexedRepeatBinding, RecordMeta } from './model.js';

/**
 * Resolves the references of one expression against the form it belongs to.
 *
 * - `${name}` names a question by the name written in the XLSForm: unknown or ambiguous names (the same
 *   name in two groups, as pyxform says) are problems.
 * - A path through the record (`/data/group/q`, `../q`, `current()/../q`, `${rep}/q`) without predicates
 *   is resolved now, like `${name}`: groups are steps of the path, as in the XForm pyxform writes.
 * - Paths with predicates, and paths into secondary instances (`instance('list')/root/item[...]`), are
 *   walked when evaluated; what they may read becomes a dependency, so the answers stay up to date.
 *
 * Inside a predicate the context node is the node being tested: relative paths are then dynamic;
 * `current()` stays the question. A choice filter is a predicate over the items of its choice list.
 */

export interface ExprSite {
  /** The node the expression belongs to (null: a form-level expression, evaluated at the top level). */
  readonly node: CompiledNode | null;
  /** `choice-filter`: the expression is a predicate over the items of `columns`' list. */
  readonly mode: 'question' | 'choice-filter';
  /** Columns of the list a choice filter tests (null: not known, e.g. the file is not there yet). */
  readonly columns?: ReadonlySet<string> | null;
}

export interface ExprBinding extends Binding {
  readonly refs: Map<Expr, BoundRef>;
  readonly deps: BoundRef[];
  readonly meta: Map<Expr, RecordMeta>;
  readonly choiceQuestions: Map<Expr, CompiledNode>;
  readonly indexedRepeats: Map<Call, IndexedRepeatBinding>;
  dependsOnAll: boolean;
}

/** Where an expression is evaluated from: a node's cell scope. */
interface Context {
  readonly repeatPath: readonly CompiledNode[];
}

function commonDepthOf(a: readonly CompiledNode[], b: readonly CompiledNode[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** How an expression evaluated in `context`'s scope reaches `target`'s cell(s). */
export function bindRef(context: Context | null, target: CompiledNode): BoundRef {
  const path = context?.repeatPath ?? [];
  const c = commonDepthOf(target.repeatPath, path);
  const below = target.repeatPath.slice(c);
  const down = target.type === 'repeat' ? [...below, target] : below;
  return { target, up: path.length - c, down, nodeSet: down.length > 0 };
}

/** The element a path step stands on: a node of the form, or the record's root (null). */
type Element = CompiledNode | null;

const META_NAMES: ReadonlySet<string> = new Set(['instanceID', 'instanceName', 'deprecatedID']);

type Focus =
  { readonly kind: 'none' } | { readonly kind: 'secondary' } | { readonly kind: 'primary'; readonly on: Element };

export function bindExpression(tree: Tree, instances: InstanceSet, site: ExprSite, ast: Expr): ExprBinding {
  const problems: ExprProblem[] = [];
  const warnings: ExprProblem[] = [];
  const bound = new Set<Expr>();
  const result: ExprBinding = {
    bound,
    problems,
    warnings,
    refs: new Map(),
    deps: [],
    meta: new Map(),
    choiceQuestions: new Map(),
    indexedRepeats: new Map(),
    dependsOnAll: false,
  };
  const add = (message: string, at: { start: number; end: number }) =>
    problems.push({ message, start: at.start, end: at.end });
  const warn = (message: string, at: { start: number; end: number }) =>
    warnings.push({ message, start: at.start, end: at.end });
  const context: Context | null = site.node;

  const lookup = (name: string, at: { start: number; end: number }): CompiledNode | null => {
    const found = tree.bySource.get(name) ?? [];
    if (found.length === 1) return found[0]!;
    if (found.length === 0) add(`unknown field \${${name}}`, at);
    else add(`\${${name}} is ambiguous: there are ${found.length} questions named '${name}' (in different groups)`, at);
    return null;
  };

  const depend = (target: CompiledNode) => result.deps.push(bindRef(context, target));

  /** Every value node at and under an element, as dependencies (what a dynamic path may read). */
  const dependOnSubtree = (element: Element) => {
    const roots = element === null ? tree.roots : [element];
    const visit = (n: CompiledNode) => {
      depend(n);
      for (const child of n.children) visit(child);
    };
    for (const r of roots) visit(r);
  };

  const bindTarget = (expr: FieldRef | PathExpr, target: CompiledNode) => {
    const ref = bindRef(context, target);
    result.refs.set(expr, ref);
    // `.` (the question's own answer, e.g. in once(.) or a constraint) is no dependency on itself;
    // `${itself}` in its own relevance or calculation is a cycle, reported as such.
    const ownValue = expr.kind === 'path' && target === site.node && expr.steps.every((s) => s.axis === 'self');
    if (!ownValue) result.deps.push(ref);
    bound.add(expr);
  };

  const childNamed = (element: Element, name: string): CompiledNode | undefined => {
    const kids = element === null ? tree.roots : element.children;
    return kids.find((k) => k.sourceName === name);
  };

  /**
   * Follows static steps from `start`. Returns the element reached (null: the record's root), or
   * `dynamic` (with dependencies added) when a step needs the data (a predicate, `*`, an attribute),
   * `meta` for record metadata, or undefined after a problem.
   */
  const follow = (
    start: Element,
    steps: readonly Step[],
    whole: PathExpr,
  ): Element | 'dynamic' | 'meta' | undefined => {
    let at: Element = start;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      if (step.axis === 'parent') {
        if (at === null) {
          add('the path goes above the record', step);
          return undefined;
        }
        at = at.parent;
      } else if (step.axis === 'self') {
        // stays
      } else if (step.axis === 'child' && step.test.kind === 'name') {
        const name = step.test.name;
        const next = childNamed(at, name);
        if (!next) {
          if (at === null && name === 'meta' && steps[i + 1]?.test.kind === 'name') {
            const metaName = (steps[i + 1]!.test as { name: string }).name;
            if (META_NAMES.has(metaName) && i + 2 === steps.length) {
              result.meta.set(whole, metaName as RecordMeta);
              bound.add(whole);
              return 'meta';
            }
          }
          // XPath reads a path that names nothing as empty (ODK Collect too): accepted, but said.
          warn(
            `'${name}' names nothing ${at === null ? 'in the form' : `in '${at.sourceName}'`}: it reads as empty (a question is written \${name}, a text 'in quotes')`,
            step,
          );
          return 'dynamic';
        }
        at = next;
      } else {
        dependOnSubtree(at);
        return 'dynamic';
      }
      if (step.predicates.length > 0) {
        dependOnSubtree(at);
        for (const p of step.predicates) visit(p, { kind: 'primary', on: at });
        for (const rest of steps.slice(i + 1)) for (const p of rest.predicates) visit(p, { kind: 'primary', on: at });
        return 'dynamic';
      }
    }
    return at;
  };

  const resolvePath = (path: PathExpr, focus: Focus) => {
    // Paths into a secondary instance: walked when evaluated; their predicates see the items.
    if (path.from && startsInInstance(path.from)) {
      visit(path.from, focus);
      for (const step of path.steps) for (const p of step.predicates) visit(p, { kind: 'secondary' });
      return;
    }
    let start: Element;
    let steps = path.steps;
    if (path.absolute) {
      start = null;
      // `/data/...`: the first step is the root element, whatever its name.
      if (steps[0]?.axis === 'child') {
        for (const p of steps[0].predicates) visit(p, focus);
        steps = steps.slice(1);
      }
    } else if (path.from) {
      const from = path.from;
      if (from.kind === 'call' && from.name === 'current') start = site.node;
      else if (from.kind === 'ref') {
        const target = lookup(from.name, from);
        if (!target) return;
        start = target;
      } else {
        // `(expr)/step`, `${rep}[1]/q`: evaluated as it is, depending on what it starts from.
        visit(from, focus);
        for (const step of steps) for (const p of step.predicates) visit(p, { kind: 'secondary' });
        result.dependsOnAll = true;
        return;
      }
    } else if (focus.kind === 'secondary' || (focus.kind === 'none' && site.mode === 'choice-filter')) {
      // Relative to an item of a list: its columns.
      const first = steps[0];
      if (
        focus.kind === 'none' &&
        site.columns &&
        first?.axis === 'child' &&
        first.test.kind === 'name' &&
        !site.columns.has(first.test.name) &&
        !site.columns.has(normalizeColumn(first.test.name))
      ) {
        warn(
          `the choice list has no column '${first.test.name}' (columns: ${[...site.columns].join(', ')}): it reads as empty`,
          first,
        );
      }
      for (const step of steps) for (const p of step.predicates) visit(p, { kind: 'secondary' });
      return;
    } else if (focus.kind === 'primary') {
      // Relative to the record node a predicate tests.
      const reached = follow(focus.on, steps, path);
      if (reached !== undefined && reached !== 'dynamic' && reached !== 'meta') dependOnSubtree(reached);
      return;
    } else {
      start = site.node;
    }
    const reached = follow(start, steps, path);
    if (reached === undefined || reached === 'dynamic' || reached === 'meta') return;
    if (reached === null) {
      // `/` alone, or `..` up to the record itself: walked when evaluated.
      result.dependsOnAll = true;
      return;
    }
    bindTarget(path, reached);
  };

  const resolveQuestionArg = (arg: Expr): CompiledNode | null => {
    if (arg.kind === 'string') {
      const m = /^\s*\$\{\s*([^}\s]+)\s*\}\s*$/.exec(arg.value);
      if (m) return lookup(m[1]!, arg);
      const fromPath = arg.value.trim().split('/').filter(Boolean).pop();
      if (fromPath) {
        const found = tree.bySource.get(fromPath) ?? [];
        if (found.length === 1) return found[0]!;
      }
      add(`jr:choice-name() needs the question as its second argument, e.g. '\${${fromPath ?? 'question'}}'`, arg);
      return null;
    }
    if (arg.kind === 'ref') return lookup(arg.name, arg);
    add(`jr:choice-name() needs the question as its second argument, e.g. '\${question}'`, arg);
    return null;
  };

  const staticTarget = (arg: Expr | undefined): CompiledNode | null => {
    if (!arg) return null;
    if (arg.kind === 'ref') return lookup(arg.name, arg);
    if (arg.kind === 'path' && !arg.from && arg.steps.every((s) => s.predicates.length === 0)) {
      const reached = follow(arg.absolute ? null : site.node, arg.absolute ? arg.steps.slice(1) : arg.steps, arg);
      return reached === undefined || reached === null || reached === 'dynamic' || reached === 'meta' ? null : reached;
    }
    return null;
  };

  const bindIndexedRepeat = (call: Call, focus: Focus) => {
    const target = staticTarget(call.args[0]);
    const repeats: CompiledNode[] = [];
    for (let i = 1; i < call.args.length; i += 2) {
      const r = staticTarget(call.args[i]);
      if (r && r.type !== 'repeat') add(`indexed-repeat() needs a repeat here, not '${r.sourceName}'`, call.args[i]!);
      if (r) repeats.push(r);
      if (call.args[i + 1]) visit(call.args[i + 1]!, focus);
    }
    if (!target || repeats.length !== Math.floor(call.args.length / 2)) {
      if (problems.length === 0)
        add('indexed-repeat() takes a question and its repeats, e.g. indexed-repeat(${q}, ${rep}, 1)', call);
      return;
    }
    const chain: BoundRef[] = [];
    let from: Context | null = context;
    for (const r of repeats) {
      const ref = bindRef(from, r);
      if (ref.down.length !== 1) {
        add(`'${r.sourceName}' is not directly inside the repeat before it`, call);
        return;
      }
      chain.push(ref);
      from = { repeatPath: [...r.repeatPath, r] };
    }
    if (!target.repeatPath.includes(repeats[repeats.length - 1]!)) {
      add(`'${target.sourceName}' is not inside '${repeats[repeats.length - 1]!.sourceName}'`, call.args[0]!);
      return;
    }
    result.indexedRepeats.set(call, { repeats: chain, target: bindRef(from, target) });
    depend(target);
  };

  function visit(expr: Expr, focus: Focus): void {
    switch (expr.kind) {
      case 'number':
      case 'string':
        return;
      case 'ref': {
        if (expr.lastSaved) {
          result.meta.set(expr, 'lastSaved');
          bound.add(expr);
          return;
        }
        if (!tree.bySource.has(expr.name) && META_NAMES.has(expr.name)) {
          result.meta.set(expr, expr.name as RecordMeta);
          bound.add(expr);
          return;
        }
        const target = lookup(expr.name, expr);
        if (!target) return;
        if (target.type === 'group') {
          add(`\${${expr.name}} is a group, which has no value; refer to a question inside it`, expr);
          return;
        }
        bindTarget(expr, target);
        return;
      }
      case 'path':
        resolvePath(expr, focus);
        return;
      case 'filter': {
        visit(expr.primary, focus);
        const primaryTarget = expr.primary.kind === 'ref' ? result.refs.get(expr.primary)?.target : undefined;
        for (const p of expr.predicates)
          visit(p, primaryTarget ? { kind: 'primary', on: primaryTarget } : { kind: 'secondary' });
        return;
      }
      case 'unary':
        visit(expr.operand, focus);
        return;
      case 'binary':
        visit(expr.left, focus);
        visit(expr.right, focus);
        return;
      case 'call':
        visitCall(expr, focus);
        return;
    }
  }

  function visitCall(call: Call, focus: Focus): void {
    const literal = call.args[0]?.kind === 'string' ? call.args[0].value : undefined;
    switch (call.name) {
      case 'jr:choice-name': {
        if (call.args[0]) visit(call.args[0], focus);
        const question = call.args[1] ? resolveQuestionArg(call.args[1]) : null;
        if (question && !question.choices && !question.choiceInstance)
          add(`jr:choice-name(): '${question.sourceName}' is not a select question`, call.args[1]!);
        else if (question) {
          result.choiceQuestions.set(call.args[1]!, question);
          depend(question);
        }
        return;
      }
      case 'indexed-repeat':
        bindIndexedRepeat(call, focus);
        return;
      case 'instance':
      case 'pulldata':
        if (
          literal !== undefined &&
          !instances.declared(literal) &&
          !instances.declared(literal.replace(/\.\w+$/, ''))
        ) {
          add(`no choice list or form media file named '${literal}'`, call.args[0]!);
        }
        for (const arg of call.args) visit(arg, focus);
        return;
      default:
        for (const arg of call.args) visit(arg, focus);
    }
  }

  visit(ast, { kind: 'none' });
  return result;
}

/** `label::English` → `label::en`: translated columns are kept under the language's key. */
function normalizeColumn(name: string): string {
  const cut = name.indexOf('::');
  return cut < 0 ? name : `${name.slice(0, cut)}::${languageKey(name.slice(cut + 2)).key}`;
}

/** Whether an expression starts from `instance(...)` (possibly through further paths). */
function startsInInstance(expr: Expr): boolean {
  if (expr.kind === 'call') return expr.name === 'instance';
  if (expr.kind === 'filter') return startsInInstance(expr.primary);
  if (expr.kind === 'path') return expr.from !== undefined && startsInInstance(expr.from);
  return false;
}

export type { NodeDraft };

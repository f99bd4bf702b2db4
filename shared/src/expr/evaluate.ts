import type { Binary, Call, Expr, FieldRef, PathExpr, Span, Step } from './ast.js';
import { FUNCTION_IMPLEMENTATIONS } from './functions/index.js';
import type { RegexCache } from './regex.js';
import {
  compareValues,
  isNodeSet,
  nodeSet,
  nodeSetOfNodes,
  toBoolean,
  toNumber,
  toText,
  valuesDiffer,
  valuesEqual,
  type Value,
  type XDate,
  type XNode,
  type XNodeSet,
} from './values.js';

/**
 * An AST interpreter (no `eval`, no `new Function`: the client runs under a strict CSP). It never
 * throws on data: a runtime problem (division by zero, a bad date, a bad regular expression, a form
 * media file missing on the device) is reported through {@link EvalContext.problem} and evaluation
 * continues with ODK's result (Infinity, NaN, empty, false).
 *
 * References the form could resolve when it was compiled (`${name}`, paths through the form's own
 * questions, `.`) are read through {@link EvalContext.read}; every other path (secondary instances,
 * paths with predicates) is walked here, node by node.
 */

export type RuntimeProblemCode =
  'division-by-zero' | 'invalid-date' | 'invalid-regex' | 'missing-instance' | 'invalid-argument';

export interface RuntimeProblem extends Span {
  readonly code: RuntimeProblemCode;
  /** The offending value, pattern or file, when there is one. */
  readonly detail?: string;
}

/** The device's clock: an instant and the time zone it is seen in. */
export interface Clock {
  /** Milliseconds since 1970-01-01T00:00Z. */
  readonly instant: number;
  /** Minutes east of UTC. */
  readonly offset: number;
}

/** What an expression can see; the form engine implements it over the answers. */
export interface EvalContext {
  /** A reference resolved when the form was compiled (`${name}`, a path through the form, `.`, `..`). */
  read(node: FieldRef | PathExpr): Value;
  /** `position()` of a resolved reference (`position(..)`: the repeat instance's number). */
  positionOf(node: Expr | null): number;
  /** The node the expression belongs to, where unresolved relative paths and `current()` start. */
  contextNode(): XNode | null;
  /** The root of the record (the primary instance). */
  root(): XNode | null;
  /** The root element of a secondary instance (`instance('id')`), or null when the form has none. */
  instance(id: string): XNode | null;
  today(): XDate;
  now(): Clock;
  /** The form language shown (month names of format-date, labels of jr:choice-name). */
  language(): string;
  /** `jr:choice-name(value, '${question}')`: the label of a choice of the question, in the form language. */
  choiceLabel(question: Expr, value: string): string;
  /** `indexed-repeat(target, repeat1, index1, …)`. */
  indexedRepeat(call: Call, indexes: readonly number[]): Value;
  /** The current value of the node the expression belongs to (`once()` keeps it). */
  ownValue(): Value;
  random(): number;
  uuid(): string;
  /** The form version (`version()`). */
  version(): string;
  /** `property('deviceid' | 'username' | …)`: what the device knows about itself and its user. */
  property(name: string): string;
  problem(problem: RuntimeProblem): void;
}

/** What the interpreter needs from a compiled expression besides its tree. */
export interface EvalSetup {
  /** Nodes resolved at compile time: read through {@link EvalContext.read}. */
  readonly bound: ReadonlySet<Expr>;
  readonly regexes: RegexCache;
}

/** The node a predicate is evaluated for, with its position among the nodes tested. */
export interface Focus {
  readonly node: XNode;
  readonly position: number;
  readonly size: number;
}

/** Evaluates an expression; `focus` makes it a predicate over that node (a choice filter over an item). */
export function evaluate(expr: Expr, ctx: EvalContext, setup: EvalSetup, focus: Focus | null = null): Value {
  const interpreter = new Interpreter(ctx, setup);
  interpreter.focus = focus;
  return interpreter.value(expr);
}

const EMPTY: XNodeSet = nodeSet([], []);

export class Interpreter {
  /** The node a predicate is being evaluated for (null outside predicates). */
  focus: Focus | null = null;

  constructor(
    readonly ctx: EvalContext,
    readonly setup: EvalSetup,
  ) {}

  value(node: Expr): Value {
    switch (node.kind) {
      case 'number':
      case 'string':
        return node.value;
      case 'ref':
        return this.ctx.read(node);
      case 'path':
        if (this.setup.bound.has(node)) return this.ctx.read(node);
        return this.path(node);
      case 'filter':
        return this.filter(this.nodes(node.primary), node.predicates);
      case 'unary':
        return -toNumber(this.value(node.operand));
      case 'binary':
        return this.binary(node);
      case 'call':
        return this.call(node);
    }
  }

  text(node: Expr): string {
    return toText(this.value(node));
  }

  number(node: Expr): number {
    return toNumber(this.value(node));
  }

  bool(node: Expr): boolean {
    return toBoolean(this.value(node));
  }

  /** The nodes an expression selects (none when it is not a node-set, or a set without nodes). */
  nodes(node: Expr): readonly XNode[] {
    const v = this.value(node);
    return isNodeSet(v) ? (v.nodes ?? []) : [];
  }

  problem(code: RuntimeProblemCode, at: Span, detail?: string): void {
    this.ctx.problem({ code, start: at.start, end: at.end, ...(detail === undefined ? {} : { detail }) });
  }

  /** Runs `body` with `focus` as the predicate's context node. */
  withFocus<T>(focus: Focus, body: () => T): T {
    const saved = this.focus;
    this.focus = focus;
    try {
      return body();
    } finally {
      this.focus = saved;
    }
  }

  private binary(node: Binary): Value {
    const { op } = node;
    if (op === 'or') return this.bool(node.left) || this.bool(node.right);
    if (op === 'and') return this.bool(node.left) && this.bool(node.right);
    const left = this.value(node.left);
    const right = this.value(node.right);
    switch (op) {
      case '=':
        return valuesEqual(left, right);
      case '!=':
        return valuesDiffer(left, right);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return compareValues(op, left, right);
      case '+':
        return toNumber(left) + toNumber(right);
      case '-':
        return toNumber(left) - toNumber(right);
      case '*':
        return toNumber(left) * toNumber(right);
      case 'div':
      case 'mod': {
        const a = toNumber(left);
        const b = toNumber(right);
        if (b === 0) this.problem('division-by-zero', node.opSpan);
        return op === 'div' ? a / b : a % b;
      }
      case '|': {
        const nodes = [...(isNodeSet(left) ? (left.nodes ?? []) : [])];
        for (const n of isNodeSet(right) ? (right.nodes ?? []) : []) if (!nodes.includes(n)) nodes.push(n);
        return nodeSetOfNodes(nodes);
      }
    }
  }

  private call(node: Call): Value {
    const impl = FUNCTION_IMPLEMENTATIONS.get(node.name);
    // Unknown functions are refused when the expression is checked; stay total anyway.
    return impl ? impl(this, node) : '';
  }

  /** Where a path starts: the root, its `from` expression, the predicate's node or the expression's node. */
  private startNodes(path: PathExpr): readonly XNode[] {
    if (path.absolute) {
      const root = this.ctx.root();
      return root ? [root] : [];
    }
    if (path.from) return this.nodes(path.from);
    const start = this.focus?.node ?? this.ctx.contextNode();
    return start ? [start] : [];
  }

  private path(path: PathExpr): Value {
    let current = this.startNodes(path);
    // An absolute path names the root element first (`/data/...`): any name is the record's root.
    let steps = path.steps;
    if (path.absolute && steps.length > 0 && steps[0]!.axis === 'child') {
      current = this.predicates(current, steps[0]!.predicates);
      steps = steps.slice(1);
    }
    for (const step of steps) {
      if (current.length === 0) return EMPTY;
      current = this.step(current, step);
    }
    return nodeSetOfNodes(current);
  }

  private step(from: readonly XNode[], step: Step): readonly XNode[] {
    const out: XNode[] = [];
    for (const node of from) {
      let selected: readonly XNode[];
      switch (step.axis) {
        case 'self':
          selected = [node];
          break;
        case 'parent': {
          const parent = node.parent();
          selected = parent ? [parent] : [];
          break;
        }
        case 'attribute': {
          const name = step.test.kind === 'name' ? step.test.name : '';
          const value = node.attribute(name);
          selected = value === undefined ? [] : [attributeNode(node, name, value)];
          break;
        }
        case 'descendant-or-self':
          selected = descendantsOrSelf(node);
          break;
        default:
          selected = node.children(step.test);
      }
      for (const n of this.predicates(selected, step.predicates)) if (!out.includes(n)) out.push(n);
    }
    return out;
  }

  /** Keeps the nodes every predicate holds for (a number is a position, anything else a boolean). */
  predicates(nodes: readonly XNode[], predicates: readonly Expr[]): readonly XNode[] {
    let kept = nodes;
    for (const predicate of predicates) {
      const size = kept.length;
      kept = kept.filter((node, i) =>
        this.withFocus({ node, position: i + 1, size }, () => {
          const v = this.value(predicate);
          return typeof v === 'number' ? v === i + 1 : toBoolean(v);
        }),
      );
    }
    return kept;
  }

  private filter(nodes: readonly XNode[], predicates: readonly Expr[]): Value {
    return nodeSetOfNodes(this.predicates(nodes, predicates));
  }
}

function descendantsOrSelf(node: XNode): XNode[] {
  const out: XNode[] = [node];
  for (const child of node.children({ kind: 'node' })) out.push(...descendantsOrSelf(child));
  return out;
}

function attributeNode(owner: XNode, name: string, value: string): XNode {
  return {
    name,
    value: () => value,
    children: () => [],
    parent: () => owner,
    attribute: () => undefined,
    position: () => 1,
  };
}

import type { Expr } from './ast.js';
import { describeArity, FUNCTIONS, ODK_ONLY_FUNCTIONS } from './functions.js';
import type { ExprProblem } from './problem.js';

/** What a `${name}` points at, as far as checking is concerned. */
export interface RefTarget {
  readonly kind: 'field' | 'repeat' | 'group';
  /** Names of the repeats enclosing the target, outermost first (a repeat does not include itself). */
  readonly repeatPath: readonly string[];
}

/** Where an expression sits, and what it may use there. */
export interface ExprScope {
  resolve(name: string): RefTarget | undefined;
  /** Repeats enclosing the question the expression belongs to, outermost first. */
  readonly repeatPath: readonly string[];
  /** Whether `.` (the question's own value) is meaningful here. */
  readonly allowCurrent: boolean;
  /** Columns of the choice list (only inside a `choice_filter`). */
  readonly columns?: ReadonlySet<string>;
}

/** Length of the common prefix of two repeat paths. */
export function commonDepth(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Whether `${name}` yields one value per repeat instance from this scope: the target sits in
 * a repeat instance the expression is not in, or it is a repeat (its instances).
 */
export function isNodeSetRef(target: RefTarget, scope: ExprScope): boolean {
  if (target.kind === 'repeat') return true;
  return target.repeatPath.length > commonDepth(target.repeatPath, scope.repeatPath);
}

/**
 * Checks functions (known, arity), references (exist, are questions or repeats, repeated values
 * only inside `sum()`/`count()`), `.`, `position(..)` and bare column names. Returns every problem.
 */
export function checkExpression(expr: Expr, scope: ExprScope): ExprProblem[] {
  const problems: ExprProblem[] = [];
  const add = (message: string, at: { start: number; end: number }): void => {
    problems.push({ message, start: at.start, end: at.end });
  };

  const visit = (node: Expr, nodeSetAllowed: boolean): void => {
    switch (node.kind) {
      case 'number':
      case 'string':
        return;
      case 'ref': {
        const target = scope.resolve(node.name);
        if (!target) return add(`unknown field \${${node.name}}`, node);
        if (target.kind === 'group') {
          return add(`\${${node.name}} is a group, which has no value; refer to a question inside it`, node);
        }
        if (!nodeSetAllowed && isNodeSetRef(target, scope)) {
          const where =
            target.kind === 'repeat'
              ? `is a repeat`
              : `is inside the repeat '${target.repeatPath[target.repeatPath.length - 1]}'`;
          return add(
            `\${${node.name}} ${where} and has one value per entry here; use it inside sum() or count()`,
            node,
          );
        }
        return;
      }
      case 'current':
        if (!scope.allowCurrent) add("'.' (the current answer) cannot be used here", node);
        return;
      case 'parent':
        add("'..' is only supported as position(..)", node);
        return;
      case 'column':
        if (!scope.columns) {
          add(`unexpected name '${node.name}' (a question is referred to as \${${node.name}})`, node);
        } else if (!scope.columns.has(node.name)) {
          add(`unknown choice column '${node.name}' (columns: ${[...scope.columns].join(', ')})`, node);
        }
        return;
      case 'unary':
        return visit(node.operand, false);
      case 'binary':
        visit(node.left, false);
        visit(node.right, false);
        return;
      case 'call': {
        const spec = FUNCTIONS.get(node.name);
        if (!spec) {
          const why = ODK_ONLY_FUNCTIONS.has(node.name) ? 'is not supported by Kusanya' : 'is an unknown function';
          add(`${node.name}() ${why}`, node.nameSpan);
          // Still check the arguments, without piling repeat-usage errors onto the unknown call.
          for (const arg of node.args) visit(arg, true);
          return;
        }
        if (node.args.length < spec.min || node.args.length > spec.max) {
          add(`${describeArity(node.name, spec)}, not ${node.args.length}`, node);
        }
        if (spec.takesParent) {
          const arg = node.args[0];
          if (arg && arg.kind !== 'parent') add(`position() only supports '..' as its argument: position(..)`, arg);
          if (scope.repeatPath.length === 0) add('position(..) can only be used inside a repeat', node);
          return;
        }
        if (spec.defaultsToCurrent && node.args.length === 0 && !scope.allowCurrent) {
          add(`${node.name}() without an argument uses the current answer, which cannot be used here`, node);
        }
        for (const arg of node.args) visit(arg, spec.acceptsNodeSets === true);
        return;
      }
    }
  };

  visit(expr, false);
  return problems;
}

export interface ExprInfo {
  /** Field names read through `${...}`, each once, in order of appearance. */
  readonly refs: readonly string[];
  readonly usesCurrent: boolean;
  readonly usesPosition: boolean;
  readonly usesToday: boolean;
}

/** The dependencies of an expression: what must trigger its re-evaluation. */
export function expressionInfo(expr: Expr): ExprInfo {
  const refs = new Set<string>();
  let usesCurrent = false;
  let usesPosition = false;
  let usesToday = false;
  const visit = (node: Expr): void => {
    switch (node.kind) {
      case 'ref':
        refs.add(node.name);
        return;
      case 'current':
        usesCurrent = true;
        return;
      case 'unary':
        return visit(node.operand);
      case 'binary':
        visit(node.left);
        visit(node.right);
        return;
      case 'call':
        if (node.name === 'position') usesPosition = true;
        if (node.name === 'today') usesToday = true;
        if (node.name === 'string-length' && node.args.length === 0) usesCurrent = true;
        for (const arg of node.args) visit(arg);
        return;
      default:
        return;
    }
  };
  visit(expr);
  return { refs: [...refs], usesCurrent, usesPosition, usesToday };
}

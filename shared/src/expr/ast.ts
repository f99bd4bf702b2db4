/**
 * Syntax tree of XLSForm expressions: XPath 1.0 as the ODK XForms specification uses it, plus
 * pyxform's `${name}` references.
 *
 * Every node carries its source span so that problems can point at the exact place:
 * `start` is the 0-based offset of the first character, `end` is exclusive. A message shows
 * `start + 1` as the (1-based) column.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod' | '|';

export interface NumberLiteral extends Span {
  readonly kind: 'number';
  readonly value: number;
}

export interface StringLiteral extends Span {
  readonly kind: 'string';
  readonly value: string;
}

/** `${name}`: the answer to another question (or the instances of a repeat). */
export interface FieldRef extends Span {
  readonly kind: 'ref';
  readonly name: string;
  /** `${last-saved#name}`: the answer in the last record saved with this form. */
  readonly lastSaved: boolean;
}

export type Axis = 'child' | 'self' | 'parent' | 'attribute' | 'descendant-or-self';

export type NodeTest =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'node' }
  | { readonly kind: 'text' };

/** One step of a location path: `name`, `.`, `..`, `*`, `@attr`, with its predicates. */
export interface Step extends Span {
  readonly axis: Axis;
  readonly test: NodeTest;
  readonly predicates: readonly Expr[];
}

/**
 * A location path: absolute (`/data/a/b`), relative (`../a`, `name`, `.`), or the steps after a
 * filter expression (`instance('list')/root/item[...]/label`, `current()/../x`, `${rep}/q`).
 */
export interface PathExpr extends Span {
  readonly kind: 'path';
  readonly absolute: boolean;
  /** The expression the path starts from (a function call, `${ref}`, parenthesised expression). */
  readonly from?: Expr;
  readonly steps: readonly Step[];
}

/** A primary expression with predicates: `${rep}[position() = 2]`, `(…)[1]`. */
export interface FilterExpr extends Span {
  readonly kind: 'filter';
  readonly primary: Expr;
  readonly predicates: readonly Expr[];
}

export interface Unary extends Span {
  readonly kind: 'unary';
  readonly op: '-';
  readonly operand: Expr;
}

export interface Binary extends Span {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  /** Where the operator itself is, for runtime messages such as division by zero. */
  readonly opSpan: Span;
}

export interface Call extends Span {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly nameSpan: Span;
}

export type Expr = NumberLiteral | StringLiteral | FieldRef | PathExpr | FilterExpr | Unary | Binary | Call;

/** Visits every node of a tree (predicates included), parents before children. */
export function walk(expr: Expr, visit: (node: Expr) => void): void {
  visit(expr);
  switch (expr.kind) {
    case 'unary':
      walk(expr.operand, visit);
      break;
    case 'binary':
      walk(expr.left, visit);
      walk(expr.right, visit);
      break;
    case 'call':
      for (const arg of expr.args) walk(arg, visit);
      break;
    case 'filter':
      walk(expr.primary, visit);
      for (const p of expr.predicates) walk(p, visit);
      break;
    case 'path':
      if (expr.from) walk(expr.from, visit);
      for (const step of expr.steps) for (const p of step.predicates) walk(p, visit);
      break;
    default:
      break;
  }
}

/** `.` alone. */
export function isSelf(expr: Expr): boolean {
  return (
    expr.kind === 'path' &&
    !expr.absolute &&
    !expr.from &&
    expr.steps.length === 1 &&
    expr.steps[0]!.axis === 'self' &&
    expr.steps[0]!.predicates.length === 0
  );
}

/** `..` alone. */
export function isParent(expr: Expr): boolean {
  return (
    expr.kind === 'path' &&
    !expr.absolute &&
    !expr.from &&
    expr.steps.length === 1 &&
    expr.steps[0]!.axis === 'parent' &&
    expr.steps[0]!.predicates.length === 0
  );
}

/**
 * Syntax tree of the XLSForm expression subset (DESIGN.md §7).
 *
 * Every node carries its source span so that problems can point at the exact place:
 * `start` is the 0-based offset of the first character, `end` is exclusive. A message shows
 * `start + 1` as the (1-based) column.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

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
}

/** `.`: the value of the question the expression belongs to. */
export interface CurrentRef extends Span {
  readonly kind: 'current';
}

/** `..`: only meaningful as the argument of `position(..)`. */
export interface ParentRef extends Span {
  readonly kind: 'parent';
}

/** A bare name: a column of the choices sheet inside a `choice_filter` (`province = ${province}`). */
export interface ColumnRef extends Span {
  readonly kind: 'column';
  readonly name: string;
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

export type Expr =
  NumberLiteral | StringLiteral | FieldRef | CurrentRef | ParentRef | ColumnRef | Unary | Binary | Call;

/** Visits every node of a tree, parents before children. */
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
    default:
      break;
  }
}

import type { Expr } from './ast.js';
import { checkExpression, expressionInfo, type ExprInfo, type ExprScope } from './check.js';
import { evaluate, type EvalContext, type RegexCache } from './evaluate.js';
import { parseExpression } from './parse.js';
import type { ExprProblem } from './problem.js';
import type { Value } from './values.js';

/** A parsed and checked expression, ready to evaluate any number of times. */
export interface CompiledExpression extends ExprInfo {
  readonly source: string;
  readonly ast: Expr;
  /** Owned by this expression: regular expressions compiled on first use. */
  readonly regexes: RegexCache;
}

export type CompileResult = { ok: true; expression: CompiledExpression } | { ok: false; problems: ExprProblem[] };

/** Parses and checks an expression against the form it belongs to. Never throws. */
export function compileExpression(source: string, scope: ExprScope): CompileResult {
  const parsed = parseExpression(source);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const problems = checkExpression(parsed.expr, scope);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, expression: { source, ast: parsed.expr, regexes: new Map(), ...expressionInfo(parsed.expr) } };
}

export function run(expression: CompiledExpression, ctx: EvalContext): Value {
  return evaluate(expression.ast, ctx, expression.regexes);
}

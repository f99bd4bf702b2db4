import type { Expr } from './ast.js';
import { checkExpression, expressionInfo, type ExprInfo } from './check.js';
import { evaluate, type EvalContext } from './evaluate.js';
import { parseExpression } from './parse.js';
import type { ExprProblem } from './problem.js';
import type { RegexCache } from './regex.js';
import type { Value } from './values.js';

/** A parsed and checked expression, ready to evaluate any number of times. */
export interface CompiledExpression extends ExprInfo {
  readonly source: string;
  readonly ast: Expr;
  /** Nodes the form resolved when it compiled the expression (read through EvalContext.read). */
  readonly bound: ReadonlySet<Expr>;
  /** Owned by this expression: regular expressions compiled on first use. */
  readonly regexes: RegexCache;
}

/** What binding an expression against its form gives: the nodes it resolved, or problems. */
export interface Binding {
  readonly bound: ReadonlySet<Expr>;
  readonly problems: readonly ExprProblem[];
  /** Accepted, but probably not what the author meant (a path that names nothing reads as empty). */
  readonly warnings: readonly ExprProblem[];
}

export type CompileResult =
  | { ok: true; expression: CompiledExpression; warnings: readonly ExprProblem[] }
  | { ok: false; problems: ExprProblem[] };

/**
 * Parses and checks an expression; `bind` resolves its references against the form it belongs to.
 * Never throws.
 */
export function compileExpression(source: string, bind: (ast: Expr) => Binding): CompileResult {
  const parsed = parseExpression(source);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const problems = checkExpression(parsed.expr);
  const binding = bind(parsed.expr);
  problems.push(...binding.problems);
  if (problems.length > 0) return { ok: false, problems: dedupe(problems) };
  return {
    ok: true,
    expression: { source, ast: parsed.expr, bound: binding.bound, regexes: new Map(), ...expressionInfo(parsed.expr) },
    warnings: binding.warnings,
  };
}

function dedupe(problems: ExprProblem[]): ExprProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.start}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function run(expression: CompiledExpression, ctx: EvalContext): Value {
  return evaluate(expression.ast, ctx, expression);
}

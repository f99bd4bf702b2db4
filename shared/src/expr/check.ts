import { walk, type Expr } from './ast.js';
import { describeArity, FUNCTIONS } from './functions.js';
import type { ExprProblem } from './problem.js';
import { compileRegex } from './regex.js';

/**
 * The checks that need nothing but the expression: functions exist and get the right number of
 * arguments, only the axes ODK supports, and literal regular expressions compile (with the linear-time
 * engine, which has no backreferences or lookahead). References are checked against the form by the
 * form compiler (form/bind-expression.ts).
 */
export function checkExpression(expr: Expr): ExprProblem[] {
  const problems: ExprProblem[] = [];
  const add = (message: string, at: { start: number; end: number }) =>
    problems.push({ message, start: at.start, end: at.end });
  walk(expr, (node) => {
    if (node.kind === 'path') {
      for (const step of node.steps) {
        if (step.axis === 'descendant-or-self') add("'//' is not supported by ODK: write the path in full", step);
      }
      return;
    }
    if (node.kind !== 'call') return;
    const spec = FUNCTIONS.get(node.name);
    if (!spec) {
      add(`${node.name}() is an unknown function`, node.nameSpan);
      return;
    }
    if (node.args.length < spec.min || node.args.length > spec.max) {
      add(`${describeArity(node.name, spec)}, not ${node.args.length}`, node);
    }
    if (node.name === 'regex') {
      const pattern = node.args[1];
      if (pattern?.kind === 'string') {
        const compiled = compileRegex(pattern.value);
        if (!compiled.ok) add(`the regular expression '${pattern.value}' cannot be used: ${compiled.why}`, pattern);
      }
    }
  });
  return problems;
}

export interface ExprInfo {
  /** Uses today(): its value changes with the date. */
  readonly usesToday: boolean;
  /** Uses now(), random(), uuid() or once(): evaluating it again may give another value. */
  readonly volatile: boolean;
  /** Names of the secondary instances it reads (`instance('id')`, `pulldata('id', …)`, literal ids only). */
  readonly instances: readonly string[];
}

export function expressionInfo(expr: Expr): ExprInfo {
  let usesToday = false;
  let volatile = false;
  const instances = new Set<string>();
  walk(expr, (node) => {
    if (node.kind !== 'call') return;
    const spec = FUNCTIONS.get(node.name);
    if (spec?.usesToday) usesToday = true;
    if (spec?.volatile || node.name === 'once') volatile = true;
    if ((node.name === 'instance' || node.name === 'pulldata') && node.args[0]?.kind === 'string')
      instances.add(node.args[0].value);
  });
  return { usesToday, volatile, instances: [...instances] };
}

import type { Span } from './ast.js';

/**
 * A problem found in an expression before it runs (syntax, unknown function or field, wrong
 * number of arguments...). `message` has no position; {@link describeProblem} adds it.
 */
export interface ExprProblem extends Span {
  readonly message: string;
}

/** `unexpected ')' at column 14`. */
export function describeProblem(problem: ExprProblem): string {
  return `${problem.message} at column ${problem.start + 1}`;
}

export class ExprSyntaxError extends Error {
  constructor(readonly problem: ExprProblem) {
    super(describeProblem(problem));
    this.name = 'ExprSyntaxError';
  }
}

import type { Choice } from '@kusanya/schemas';
import { evaluate, type EvalContext, type RuntimeProblem } from '../expr/evaluate.js';
import { localDate, parseDate, type Value, type XDate } from '../expr/values.js';
import type { Message } from './messages.js';
import type { BoundExpression } from './model.js';
import { readRef, type Scope } from './scope.js';

/**
 * Evaluates bound expressions over the answers. One instance serves a whole validation or
 * session (it is re-pointed at each cell, so evaluating allocates almost nothing); it is not
 * shared between callers.
 */
export class ScopeEvaluator implements EvalContext {
  private scope: Scope | null = null;
  private bound: BoundExpression | null = null;
  private currentValue: Value = '';
  private choice: Choice | null = null;
  /** The first runtime problem of the last evaluation, if any. */
  lastProblem: RuntimeProblem | null = null;

  constructor(private readonly todayDate: XDate) {}

  /** `today` as `YYYY-MM-DD`, or the device's local date. */
  static forDate(today?: string): ScopeEvaluator {
    const parsed = today ? parseDate(today) : null;
    return new ScopeEvaluator(parsed ?? localDate(new Date()));
  }

  evaluate(bound: BoundExpression, scope: Scope, current: Value = '', choice: Choice | null = null): Value {
    this.bound = bound;
    this.scope = scope;
    this.currentValue = current;
    this.choice = choice;
    this.lastProblem = null;
    return evaluate(bound.expression.ast, this, bound.expression.regexes);
  }

  ref(name: string): Value {
    const ref = this.bound?.refs.get(name);
    return ref && this.scope ? readRef(ref, this.scope) : '';
  }

  current(): Value {
    return this.currentValue;
  }

  position(): number {
    return (this.scope?.index ?? 0) + 1;
  }

  column(name: string): Value {
    const c = this.choice;
    if (!c) return '';
    if (name === 'name') return c.name;
    return c.filters?.[name] ?? '';
  }

  today(): XDate {
    return this.todayDate;
  }

  problem(problem: RuntimeProblem): void {
    if (!this.lastProblem) this.lastProblem = problem;
  }
}

/** A runtime problem as a message for the person filling the form. */
export function runtimeMessage(problem: RuntimeProblem): Message {
  switch (problem.code) {
    case 'division-by-zero':
      return { key: 'divisionByZero' };
    case 'invalid-date':
      return { key: 'invalidDate', params: { value: problem.detail ?? '' } };
    case 'invalid-regex':
      return { key: 'invalidRegex', params: { value: problem.detail ?? '' } };
  }
}

import type { Binary, Call, Expr, Span } from './ast.js';
import {
  compareValues,
  dateFromDays,
  formatNumber,
  isDate,
  isMulti,
  isNodeSet,
  parseDate,
  selectedNames,
  single,
  toBoolean,
  toNumber,
  toText,
  valuesEqual,
  type Value,
  type XDate,
} from './values.js';

/**
 * An AST interpreter (no `eval`, no `new Function`: the client runs under a strict CSP).
 * It never throws on data: a runtime problem (division by zero, a bad date, a bad regular
 * expression) is reported through {@link EvalContext.problem} and evaluation continues with
 * ODK's result (Infinity, NaN, empty, false).
 */

export type RuntimeProblemCode = 'division-by-zero' | 'invalid-date' | 'invalid-regex';

export interface RuntimeProblem extends Span {
  readonly code: RuntimeProblemCode;
  /** The offending value or pattern, when there is one. */
  readonly detail?: string;
}

/** What the expression can see; the form engine implements it over the answers. */
export interface EvalContext {
  /** `${name}`, already resolved relative to the question being evaluated. */
  ref(name: string): Value;
  /** `.` */
  current(): Value;
  /** `position(..)`: 1-based index of the current repeat instance. */
  position(): number;
  /** A bare choice column inside a choice filter. */
  column(name: string): Value;
  today(): XDate;
  problem(problem: RuntimeProblem): void;
}

/** Compiled regular expressions of one expression, keyed by pattern (null: invalid pattern). */
export type RegexCache = Map<string, RegExp | null>;

export function evaluate(expr: Expr, ctx: EvalContext, regexes: RegexCache = new Map()): Value {
  return new Interpreter(ctx, regexes).run(expr);
}

class Interpreter {
  constructor(
    private readonly ctx: EvalContext,
    private readonly regexes: RegexCache,
  ) {}

  run(node: Expr): Value {
    switch (node.kind) {
      case 'number':
      case 'string':
        return node.value;
      case 'ref':
        return this.ctx.ref(node.name);
      case 'current':
        return this.ctx.current();
      case 'column':
        return this.ctx.column(node.name);
      case 'parent':
        return '';
      case 'unary':
        return -toNumber(this.run(node.operand));
      case 'binary':
        return this.binary(node);
      case 'call':
        return this.call(node);
    }
  }

  private binary(node: Binary): Value {
    const { op } = node;
    if (op === 'or') return toBoolean(this.run(node.left)) || toBoolean(this.run(node.right));
    if (op === 'and') return toBoolean(this.run(node.left)) && toBoolean(this.run(node.right));
    const left = this.run(node.left);
    const right = this.run(node.right);
    switch (op) {
      case '=':
        return valuesEqual(left, right);
      case '!=':
        return !valuesEqual(left, right);
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
        if (b === 0) this.ctx.problem({ code: 'division-by-zero', start: node.opSpan.start, end: node.opSpan.end });
        return op === 'div' ? a / b : a % b;
      }
    }
  }

  private call(node: Call): Value {
    const args = node.args;
    switch (node.name) {
      case 'if':
        return toBoolean(this.run(args[0]!)) ? this.run(args[1]!) : this.run(args[2]!);
      case 'selected':
        return selectedNames(this.run(args[0]!)).includes(toText(this.run(args[1]!)).trim());
      case 'count-selected':
        return selectedNames(this.run(args[0]!)).length;
      case 'concat': {
        let out = '';
        for (const a of args) out += toText(this.run(a));
        return out;
      }
      case 'string-length':
        return [...toText(args.length === 0 ? this.ctx.current() : this.run(args[0]!))].length;
      case 'regex':
        return this.regex(toText(this.run(args[0]!)), toText(this.run(args[1]!)), args[1]!);
      case 'today':
        return this.ctx.today();
      case 'coalesce': {
        const first = this.run(args[0]!);
        return toText(first) !== '' ? single(first) : this.run(args[1]!);
      }
      case 'int':
        return Math.trunc(toNumber(this.run(args[0]!)));
      case 'round':
        return roundTo(toNumber(this.run(args[0]!)), args.length > 1 ? Math.trunc(toNumber(this.run(args[1]!))) : 0);
      case 'sum':
        return sum(this.run(args[0]!));
      case 'count': {
        const v = this.run(args[0]!);
        return isNodeSet(v) ? v.values.length : 1;
      }
      case 'position':
        return this.ctx.position();
      case 'true':
        return true;
      case 'false':
        return false;
      case 'not':
        return !toBoolean(this.run(args[0]!));
      case 'boolean':
        return toBoolean(this.run(args[0]!));
      case 'number':
        return toNumber(this.run(args[0]!));
      case 'string':
        return toText(this.run(args[0]!));
      case 'date':
        return this.date(this.run(args[0]!), node);
      default:
        // Unknown functions are rejected when the expression is checked; stay total anyway.
        return '';
    }
  }

  private regex(value: string, pattern: string, at: Span): boolean {
    let re = this.regexes.get(pattern);
    if (re === undefined) {
      try {
        // ODK matches the whole value (Java's Pattern.matches).
        re = new RegExp(`^(?:${pattern})$`);
      } catch {
        re = null;
      }
      this.regexes.set(pattern, re);
    }
    if (re === null) {
      this.ctx.problem({ code: 'invalid-regex', detail: pattern, start: at.start, end: at.end });
      return false;
    }
    return re.test(value);
  }

  private date(v: Value, at: Span): Value {
    const s = single(v);
    if (isDate(s)) return s;
    if (typeof s === 'number') {
      const d = dateFromDays(s);
      if (d) return d;
      this.ctx.problem({ code: 'invalid-date', detail: formatNumber(s), start: at.start, end: at.end });
      return '';
    }
    const text = isMulti(s) ? s.join(' ') : toText(s).trim();
    if (text === '') return '';
    const d = parseDate(text);
    if (d) return d;
    this.ctx.problem({ code: 'invalid-date', detail: text, start: at.start, end: at.end });
    return '';
  }
}

/**
 * Sum of the values of a node-set. Unlike ODK (where one empty value makes the sum NaN),
 * unanswered values are skipped, so a total over a roster stays usable while it is being filled.
 */
function sum(v: Value): number {
  const values = isNodeSet(v) ? v.values : [v];
  let total = 0;
  for (const item of values) {
    if (toText(item) === '') continue;
    total += toNumber(item);
  }
  return total;
}

/** XPath round (halves toward +∞, `round(-1.5) = -1`), with ODK's optional number of digits. */
function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  if (digits === 0) return Math.round(x);
  // Shift through the decimal representation so that round(1.005, 2) is 1.01, not 1.
  const shifted = Math.round(Number(`${x}e${digits}`));
  const back = Number(`${shifted}e${-digits}`);
  return Number.isNaN(back) ? Math.round(x * 10 ** digits) / 10 ** digits : back;
}

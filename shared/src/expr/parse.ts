import type { Axis, BinaryOp, Expr, NodeTest, PathExpr, Span, Step } from './ast.js';
import { ExprSyntaxError, type ExprProblem } from './problem.js';
import { tokenize, type Token } from './tokenize.js';

/**
 * Parser of XPath 1.0 expressions as ODK uses them, with pyxform's `${name}`. Precedence, lowest first:
 *   or < and < (= !=) < (< <= > >=) < (+ -) < (* div mod) < unary minus < | < path.
 * All binary operators are left-associative.
 */

export type ParseResult = { ok: true; expr: Expr } | { ok: false; problem: ExprProblem };

/** Parses an expression; never throws. */
export function parseExpression(source: string): ParseResult {
  try {
    return { ok: true, expr: new Parser(tokenize(source)).parseAll() };
  } catch (error) {
    if (error instanceof ExprSyntaxError) return { ok: false, problem: error.problem };
    throw error;
  }
}

const LEVELS: readonly (readonly BinaryOp[])[] = [
  ['or'],
  ['and'],
  ['=', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', 'div', 'mod'],
];

const AXES: ReadonlyMap<string, Axis> = new Map([
  ['child', 'child'],
  ['self', 'self'],
  ['parent', 'parent'],
  ['attribute', 'attribute'],
  ['descendant-or-self', 'descendant-or-self'],
]);

const NODE_TYPES = new Set(['node', 'text']);

function describe(token: Token): string {
  switch (token.type) {
    case 'eof':
      return 'end of expression';
    case 'string':
      return `string '${token.text}'`;
    case 'ref':
      return `\${${token.text}}`;
    default:
      return `'${token.text}'`;
  }
}

const span = (start: number, end: number): Span => ({ start, end });

class Parser {
  private pos = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Expr {
    if (this.peek().type === 'eof') this.fail('empty expression', this.peek());
    const expr = this.parseLevel(0);
    const next = this.peek();
    if (next.type !== 'eof') {
      const hint = next.type === 'rparen' || next.type === 'rbracket' ? '' : ' (missing operator?)';
      this.fail(`unexpected ${describe(next)}${hint}`, next);
    }
    return expr;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.tokens[this.pos]!;
    if (token.type !== 'eof') this.pos++;
    return token;
  }

  private fail(message: string, at: Span): never {
    throw new ExprSyntaxError({ message, start: at.start, end: Math.max(at.end, at.start + 1) });
  }

  private expect(type: Token['type'], what: string, opener?: Token): Token {
    const token = this.next();
    if (token.type !== type) {
      const where = opener ? ` to close the '${opener.text}' at column ${opener.start + 1}` : '';
      this.fail(`expected ${what}${where}, found ${describe(token)}`, token);
    }
    return token;
  }

  private operatorAt(level: number): { op: BinaryOp; token: Token } | null {
    const token = this.peek();
    if (token.type !== 'op') return null;
    const op = LEVELS[level]!.find((o) => o === token.text);
    return op ? { op, token } : null;
  }

  private parseLevel(level: number): Expr {
    if (level >= LEVELS.length) return this.parseUnary();
    let left = this.parseLevel(level + 1);
    for (let found = this.operatorAt(level); found; found = this.operatorAt(level)) {
      this.next();
      const right = this.parseOperand(level + 1, found.token);
      left = { kind: 'binary', op: found.op, left, right, opSpan: found.token, start: left.start, end: right.end };
    }
    return left;
  }

  private parseOperand(level: number, operator: Token): Expr {
    const next = this.peek();
    if (next.type === 'eof') this.fail(`missing value after '${operator.text}'`, operator);
    if (next.type === 'rparen' || next.type === 'comma' || next.type === 'rbracket')
      this.fail(`unexpected ${describe(next)} after '${operator.text}'`, next);
    return level >= LEVELS.length ? this.parseUnary() : this.parseLevel(level);
  }

  private parseUnary(): Expr {
    const token = this.peek();
    if (token.type === 'op' && token.text === '-') {
      this.next();
      const operand = this.parseOperand(LEVELS.length, token);
      return { kind: 'unary', op: '-', operand, start: token.start, end: operand.end };
    }
    return this.parseUnion();
  }

  private parseUnion(): Expr {
    let left = this.parsePath();
    while (this.peek().type === 'op' && this.peek().text === '|') {
      const bar = this.next();
      const right = this.parsePath();
      left = { kind: 'binary', op: '|', left, right, opSpan: bar, start: left.start, end: right.end };
    }
    return left;
  }

  /** Whether the next tokens start a location path rather than a primary expression. */
  private startsStep(): boolean {
    const t = this.peek();
    switch (t.type) {
      case 'dot':
      case 'dotdot':
      case 'at':
      case 'star':
      case 'axis':
        return true;
      case 'name':
        return this.peek(1).type !== 'lparen' || NODE_TYPES.has(t.text);
      default:
        return false;
    }
  }

  private parsePath(): Expr {
    const t = this.peek();
    if (t.type === 'slash' || t.type === 'dslash') {
      this.next();
      const steps: Step[] = [];
      if (t.type === 'dslash') steps.push(this.descendantStep(t));
      // `/` alone is the root.
      if (t.type === 'dslash' || this.startsStep()) this.parseSteps(steps);
      const end = steps.length > 0 ? steps[steps.length - 1]!.end : t.end;
      return { kind: 'path', absolute: true, steps, start: t.start, end };
    }
    if (this.startsStep()) {
      const steps: Step[] = [];
      this.parseSteps(steps);
      return { kind: 'path', absolute: false, steps, start: t.start, end: steps[steps.length - 1]!.end };
    }
    const primary = this.parseFilter();
    const sep = this.peek();
    if (sep.type !== 'slash' && sep.type !== 'dslash') return primary;
    this.next();
    const steps: Step[] = [];
    if (sep.type === 'dslash') steps.push(this.descendantStep(sep));
    this.parseSteps(steps);
    return {
      kind: 'path',
      absolute: false,
      from: primary,
      steps,
      start: primary.start,
      end: steps[steps.length - 1]!.end,
    };
  }

  private descendantStep(at: Token): Step {
    return { axis: 'descendant-or-self', test: { kind: 'node' }, predicates: [], start: at.start, end: at.end };
  }

  private parseSteps(steps: Step[]): void {
    steps.push(this.parseStep());
    for (;;) {
      const sep = this.peek();
      if (sep.type === 'slash') {
        this.next();
      } else if (sep.type === 'dslash') {
        this.next();
        steps.push(this.descendantStep(sep));
      } else return;
      steps.push(this.parseStep());
    }
  }

  private parseStep(): Step {
    const t = this.next();
    if (t.type === 'dot') return { axis: 'self', test: { kind: 'node' }, predicates: [], start: t.start, end: t.end };
    if (t.type === 'dotdot')
      return { axis: 'parent', test: { kind: 'node' }, predicates: [], start: t.start, end: t.end };
    let axis: Axis = 'child';
    let testToken = t;
    if (t.type === 'at') {
      axis = 'attribute';
      testToken = this.next();
    } else if (t.type === 'axis') {
      const named = AXES.get(t.text);
      if (!named) this.fail(`the axis '${t.text}::' is not supported (ODK supports child, parent and self)`, t);
      axis = named;
      testToken = this.next();
    }
    let test: NodeTest;
    let end = testToken.end;
    if (testToken.type === 'star') test = { kind: 'any' };
    else if (testToken.type === 'name' && NODE_TYPES.has(testToken.text) && this.peek().type === 'lparen') {
      this.next();
      end = this.expect('rparen', "')'").end;
      test = { kind: testToken.text === 'node' ? 'node' : 'text' };
    } else if (testToken.type === 'name') test = { kind: 'name', name: testToken.text };
    else return this.fail(`expected a name in the path, found ${describe(testToken)}`, testToken);
    const predicates = this.parsePredicates();
    if (predicates.length > 0) end = this.tokens[this.pos - 1]!.end;
    return { axis, test, predicates, start: t.start, end };
  }

  private parsePredicates(): Expr[] {
    const predicates: Expr[] = [];
    while (this.peek().type === 'lbracket') {
      const open = this.next();
      if (this.peek().type === 'rbracket') this.fail("empty predicate '[]'", this.peek());
      predicates.push(this.parseLevel(0));
      this.expect('rbracket', "']'", open);
    }
    return predicates;
  }

  private parseFilter(): Expr {
    const primary = this.parsePrimary();
    if (this.peek().type !== 'lbracket') return primary;
    const predicates = this.parsePredicates();
    return { kind: 'filter', primary, predicates, start: primary.start, end: this.tokens[this.pos - 1]!.end };
  }

  private parsePrimary(): Expr {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: Number(token.text), start: token.start, end: token.end };
      case 'string':
        return { kind: 'string', value: token.text, start: token.start, end: token.end };
      case 'ref': {
        const lastSaved = token.text.startsWith('last-saved#');
        const name = lastSaved ? token.text.slice('last-saved#'.length) : token.text;
        return { kind: 'ref', name, lastSaved, start: token.start, end: token.end };
      }
      case 'lparen': {
        if (this.peek().type === 'rparen') this.fail("empty parentheses '()'", this.peek());
        const inner = this.parseLevel(0);
        this.expect('rparen', "')'", token);
        return inner;
      }
      case 'name':
        if (this.peek().type === 'lparen') return this.parseCall(token);
        return this.fail(`unexpected ${describe(token)}`, token);
      case 'eof':
        return this.fail('unexpected end of expression', token);
      default:
        return this.fail(`unexpected ${describe(token)}`, token);
    }
  }

  private parseCall(nameToken: Token): Expr {
    this.next(); // '('
    const args: Expr[] = [];
    if (this.peek().type !== 'rparen') {
      for (;;) {
        const next = this.peek();
        if (next.type === 'comma' || next.type === 'rparen') this.fail(`missing argument in ${nameToken.text}()`, next);
        args.push(this.parseLevel(0));
        const sep = this.next();
        if (sep.type === 'rparen') break;
        if (sep.type !== 'comma') {
          this.fail(`expected ',' or ')' in the arguments of ${nameToken.text}(), found ${describe(sep)}`, sep);
        }
      }
    } else {
      this.next();
    }
    const close = this.tokens[this.pos - 1]!;
    return {
      kind: 'call',
      name: nameToken.text,
      args,
      nameSpan: span(nameToken.start, nameToken.end),
      start: nameToken.start,
      end: close.end,
    };
  }
}

/** A path is static when none of its steps has a predicate and it does not start from an expression. */
export function isStaticPath(path: PathExpr): boolean {
  return !path.from && path.steps.every((s) => s.predicates.length === 0);
}

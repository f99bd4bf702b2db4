import type { BinaryOp, Expr, Span } from './ast.js';
import { ExprSyntaxError, type ExprProblem } from './problem.js';
import { tokenize, type Token } from './tokenize.js';

/**
 * Parser of the XLSForm expression subset. Precedence, lowest first (XPath 1.0):
 *   or < and < (= !=) < (< <= > >=) < (+ -) < (* div mod) < unary minus < primary.
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

/** Operators spelled as names; they are operators only where an operator is expected. */
const WORD_OPS = new Set(['or', 'and', 'div', 'mod']);

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

class Parser {
  private pos = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Expr {
    if (this.peek().type === 'eof') this.fail('empty expression', this.peek());
    const expr = this.parseLevel(0);
    const next = this.peek();
    if (next.type !== 'eof') {
      const hint = next.type === 'rparen' ? '' : ' (missing operator?)';
      this.fail(`unexpected ${describe(next)}${hint}`, next);
    }
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const token = this.tokens[this.pos]!;
    if (token.type !== 'eof') this.pos++;
    return token;
  }

  private fail(message: string, at: Span): never {
    throw new ExprSyntaxError({ message, start: at.start, end: Math.max(at.end, at.start + 1) });
  }

  private operatorAt(level: number): { op: BinaryOp; token: Token } | null {
    const token = this.peek();
    const ops = LEVELS[level]!;
    if (token.type === 'op' || (token.type === 'name' && WORD_OPS.has(token.text))) {
      const op = ops.find((o) => o === token.text);
      if (op) return { op, token };
    }
    return null;
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
    if (next.type === 'rparen' || next.type === 'comma')
      this.fail(`unexpected ${describe(next)} after '${operator.text}'`, next);
    return this.parseLevel(level);
  }

  private parseUnary(): Expr {
    const token = this.peek();
    if (token.type === 'op' && token.text === '-') {
      this.next();
      const operand = this.parseOperand(LEVELS.length, token);
      return { kind: 'unary', op: '-', operand, start: token.start, end: operand.end };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: Number(token.text), start: token.start, end: token.end };
      case 'string':
        return { kind: 'string', value: token.text, start: token.start, end: token.end };
      case 'ref':
        return { kind: 'ref', name: token.text, start: token.start, end: token.end };
      case 'dot':
        return { kind: 'current', start: token.start, end: token.end };
      case 'dotdot':
        return { kind: 'parent', start: token.start, end: token.end };
      case 'lparen': {
        if (this.peek().type === 'rparen') this.fail("empty parentheses '()'", this.peek());
        const inner = this.parseLevel(0);
        const close = this.next();
        if (close.type !== 'rparen')
          this.fail(`expected ')' to close the '(' at column ${token.start + 1}, found ${describe(close)}`, close);
        return inner;
      }
      case 'name':
        if (this.peek().type === 'lparen') return this.parseCall(token);
        return { kind: 'column', name: token.text, start: token.start, end: token.end };
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
      nameSpan: { start: nameToken.start, end: nameToken.end },
      start: nameToken.start,
      end: close.end,
    };
  }
}

import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.js';
import { parseExpression } from './parse.js';
import { describeProblem } from './problem.js';

/** Renders a tree with explicit parentheses so precedence is visible in assertions. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'string':
      return `'${e.value}'`;
    case 'ref':
      return `\${${e.name}}`;
    case 'current':
      return '.';
    case 'parent':
      return '..';
    case 'column':
      return e.name;
    case 'unary':
      return `(-${show(e.operand)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')})`;
  }
}

function parsed(source: string): string {
  const r = parseExpression(source);
  if (!r.ok) throw new Error(describeProblem(r.problem));
  return show(r.expr);
}

function error(source: string): string {
  const r = parseExpression(source);
  if (r.ok) throw new Error(`expected a syntax error for ${source}`);
  return describeProblem(r.problem);
}

describe('parseExpression: precedence and associativity', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['10 - 4 - 3', '((10 - 4) - 3)'],
    ['8 div 4 div 2', '((8 div 4) div 2)'],
    ['7 mod 3 * 2', '((7 mod 3) * 2)'],
    ['-2 * 3', '((-2) * 3)'],
    ['- - 2', '(-(-2))'],
    ['1 + 2 < 4', '((1 + 2) < 4)'],
    ['1 < 2 = true()', '((1 < 2) = true())'],
    ['${a} = 1 and ${b} = 2 or ${c}', '(((${a} = 1) and (${b} = 2)) or ${c})'],
    ['${a} or ${b} and ${c}', '(${a} or (${b} and ${c}))'],
    ['. >= 0 and . <= 150', '((. >= 0) and (. <= 150))'],
    ['${x}!=${y}', '(${x} != ${y})'],
    ['.5 + 1.25', '(0.5 + 1.25)'],
  ])('%s', (source, expected) => {
    expect(parsed(source)).toBe(expected);
  });

  it('reads word operators only where an operator is expected', () => {
    expect(parsed('div = 1')).toBe('(div = 1)');
    expect(parsed('${a} div ${b}')).toBe('(${a} div ${b})');
  });

  it('reads functions with hyphens, nested calls and both quote styles', () => {
    expect(parsed(`count-selected(\${fruits}) > 1`)).toBe('(count-selected(${fruits}) > 1)');
    expect(parsed(`concat(\${first}, " ", \${last})`)).toBe(`concat(\${first}, ' ', \${last})`);
    expect(parsed(`if(\${age} >= 18, 'adult', if(\${age} >= 13, 'teen', 'child'))`)).toBe(
      `if((\${age} >= 18), 'adult', if((\${age} >= 13), 'teen', 'child'))`,
    );
    expect(parsed('today()')).toBe('today()');
    expect(parsed('position(..)')).toBe('position(..)');
  });

  it('keeps spans pointing at the source', () => {
    const r = parseExpression('${a} + concat(${b})');
    expect(r.ok).toBe(true);
    if (!r.ok || r.expr.kind !== 'binary') return;
    expect(r.expr.start).toBe(0);
    expect(r.expr.end).toBe(19);
    expect(r.expr.opSpan).toMatchObject({ start: 5, end: 6 });
    expect(r.expr.right).toMatchObject({ kind: 'call', start: 7, end: 19, nameSpan: { start: 7, end: 13 } });
  });
});

describe('parseExpression: syntax errors name what and where', () => {
  it.each([
    ['${a} = (1 + 2))', "unexpected ')' at column 15"],
    ['${a} = ', "missing value after '=' at column 6"],
    ['(1 + 2', "expected ')' to close the '(' at column 1, found end of expression at column 7"],
    ["concat('a' 'b')", "expected ',' or ')' in the arguments of concat(), found string 'b' at column 12"],
    ['concat(1,)', 'missing argument in concat() at column 10'],
    ['1 2', "unexpected '2' (missing operator?) at column 3"],
    ["'abc", 'unterminated string at column 1'],
    ['${abc', "unterminated reference: missing '}' at column 1"],
    ['${a b} = 1', "'${a b}' is not a valid reference at column 1"],
    ['/data/age > 3', "XPath paths ('/') are not supported; refer to questions as ${name} at column 1"],
    ['${a}[1]', "predicates ('[...]') are not supported at column 5"],
    ['$a', "'$' must start a reference like ${name} at column 1"],
    ['!${a}', "'!' must be followed by '=' (use not() for negation) at column 1"],
    ['', 'empty expression at column 1'],
    ['* 2', "unexpected '*' at column 1"],
    ['()', "empty parentheses '()' at column 2"],
  ])('%s', (source, expected) => {
    expect(error(source)).toBe(expected);
  });
});

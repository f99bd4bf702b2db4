import { describe, expect, it } from 'vitest';
import type { Expr, Step } from './ast.js';
import { parseExpression } from './parse.js';
import { describeProblem } from './problem.js';

function showStep(step: Step): string {
  const test =
    step.axis === 'self' && step.test.kind === 'node'
      ? '.'
      : step.axis === 'parent' && step.test.kind === 'node'
        ? '..'
        : `${step.axis === 'attribute' ? '@' : step.axis === 'child' ? '' : `${step.axis}::`}${
            step.test.kind === 'name' ? step.test.name : step.test.kind === 'any' ? '*' : `${step.test.kind}()`
          }`;
  return test + step.predicates.map((p) => `[${show(p)}]`).join('');
}

/** Renders a tree with explicit parentheses so precedence is visible in assertions. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'string':
      return `'${e.value}'`;
    case 'ref':
      return `\${${e.lastSaved ? 'last-saved#' : ''}${e.name}}`;
    case 'path': {
      const steps = e.steps.map(showStep).join('/');
      if (e.from) return `${show(e.from)}/${steps}`;
      return e.absolute ? `/${steps}` : steps;
    }
    case 'filter':
      return `${show(e.primary)}${e.predicates.map((p) => `[${show(p)}]`).join('')}`;
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

describe('parseExpression: XPath paths, predicates and unions', () => {
  it.each([
    ['/data/age > 3', '(/data/age > 3)'],
    ['../sibling', '../sibling'],
    ['./a/b', './a/b'],
    ['current()/../name', 'current()/../name'],
    [
      "instance('communes')/root/item[province = current()/../province]/label",
      "instance('communes')/root/item[(province = current()/../province)]/label",
    ],
    ['${members}[2]', '${members}[2]'],
    ['count(/data/members[age >= 18])', 'count(/data/members[(age >= 18)])'],
    ['/data/a | /data/b', '(/data/a | /data/b)'],
    ['@id', '@id'],
    ['*', '*'],
    ['2 * 3', '(2 * 3)'],
    ["jr:choice-name(${fruit}, '${fruit}')", "jr:choice-name(${fruit}, '${fruit}')"],
    ['${last-saved#village}', '${last-saved#village}'],
    ["label::English != ''", "(label::English != '')"],
    ['/', '/'],
  ])('%s', (source, expected) => {
    expect(parsed(source)).toBe(expected);
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
    ['${a}[]', "empty predicate '[]' at column 6"],
    ['/data/[1]', "expected a name in the path, found '[' at column 7"],
    ['following::x', "the axis 'following::' is not supported (ODK supports child, parent and self) at column 1"],
    ['$a', "'$' must start a reference like ${name} at column 1"],
    ['!${a}', "'!' must be followed by '=' (use not() for negation) at column 1"],
    ['', 'empty expression at column 1'],
    ['* 2', "unexpected '2' (missing operator?) at column 3"],
    ['()', "empty parentheses '()' at column 2"],
  ])('%s', (source, expected) => {
    expect(error(source)).toBe(expected);
  });
});

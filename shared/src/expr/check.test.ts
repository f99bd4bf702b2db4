import { describe, expect, it } from 'vitest';
import type { ExprScope, RefTarget } from './check.js';
import { compileExpression } from './compile.js';
import { describeProblem } from './problem.js';

/** A small form: `age` and `fruits` at the top, `members` repeat with `sex`, nested `visits` with `day`. */
const targets: Record<string, RefTarget> = {
  age: { kind: 'field', repeatPath: [] },
  fruits: { kind: 'field', repeatPath: [] },
  household: { kind: 'group', repeatPath: [] },
  members: { kind: 'repeat', repeatPath: [] },
  sex: { kind: 'field', repeatPath: ['members'] },
  visits: { kind: 'repeat', repeatPath: ['members'] },
  day: { kind: 'field', repeatPath: ['members', 'visits'] },
};

function scope(repeatPath: string[] = [], extra: Partial<ExprScope> = {}): ExprScope {
  return { resolve: (name) => targets[name], repeatPath, allowCurrent: true, ...extra };
}

function problems(source: string, s: ExprScope = scope()): string[] {
  const r = compileExpression(source, s);
  return r.ok ? [] : r.problems.map(describeProblem);
}

describe('checking an expression against its form', () => {
  it('accepts valid expressions and reports what they read', () => {
    const r = compileExpression("${age} >= 18 and selected(${fruits}, 'mango') and . != ''", scope());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.expression.refs).toEqual(['age', 'fruits']);
    expect(r.expression.usesCurrent).toBe(true);
    expect(r.expression.usesPosition).toBe(false);
    expect(compileExpression('today()', scope()).ok && compileExpression('today()', scope())).toMatchObject({
      expression: { usesToday: true },
    });
  });

  it('reports unknown fields and functions with their position', () => {
    expect(problems('${agee} > 3')).toEqual(['unknown field ${agee} at column 1']);
    expect(problems('1 + foo(2)')).toEqual(['foo() is an unknown function at column 5']);
    expect(problems("jr:choice-name(${fruits}, '${fruits}')")).toEqual([
      'jr:choice-name() is not supported by Kusanya at column 1',
    ]);
    expect(problems("indexed-repeat(${sex}, ${members}, 1) = 'F'")).toEqual([
      'indexed-repeat() is not supported by Kusanya at column 1',
    ]);
  });

  it('reports every problem, not only the first', () => {
    expect(problems('${a1} + ${a2} + nope()')).toEqual([
      'unknown field ${a1} at column 1',
      'unknown field ${a2} at column 9',
      'nope() is an unknown function at column 17',
    ]);
  });

  it('reports a wrong number of arguments', () => {
    expect(problems("if(${age} > 1, 'a')")).toEqual(['if() takes 3 arguments, not 2 at column 1']);
    expect(problems('today(1)')).toEqual(['today() takes 0 arguments, not 1 at column 1']);
    expect(problems('round()')).toEqual(['round() takes 1 to 2 arguments, not 0 at column 1']);
    expect(problems('selected(${fruits})')).toEqual(['selected() takes 2 arguments, not 1 at column 1']);
  });

  it('refuses a group reference', () => {
    expect(problems('${household} = 1')).toEqual([
      '${household} is a group, which has no value; refer to a question inside it at column 1',
    ]);
  });

  it('allows a repeated value from outside its repeat only in sum() and count()', () => {
    expect(problems('count(${members})')).toEqual([]);
    expect(problems('sum(${sex}) + count(${sex})')).toEqual([]);
    expect(problems("${sex} = 'F'")).toEqual([
      "${sex} is inside the repeat 'members' and has one value per entry here; use it inside sum() or count() at column 1",
    ]);
    expect(problems('${members} > 2')).toEqual([
      '${members} is a repeat and has one value per entry here; use it inside sum() or count() at column 1',
    ]);
  });

  it('reads a sibling inside the same repeat instance as a single value', () => {
    expect(problems("${sex} = 'F'", scope(['members']))).toEqual([]);
    expect(problems('count(${day})', scope(['members']))).toEqual([]);
    expect(problems("${day} = ''", scope(['members']))).toHaveLength(1);
    expect(problems("${sex} = 'F' and ${day} != ''", scope(['members', 'visits']))).toEqual([]);
  });

  it('allows position(..) only inside a repeat and only with ..', () => {
    expect(problems('position(..)', scope(['members']))).toEqual([]);
    expect(problems('position(..)')).toEqual(['position(..) can only be used inside a repeat at column 1']);
    expect(problems('position(.)', scope(['members']))).toEqual([
      "position() only supports '..' as its argument: position(..) at column 10",
    ]);
    expect(problems('.. = 1', scope(['members']))).toEqual(["'..' is only supported as position(..) at column 1"]);
  });

  it("allows '.' only where the question's own value means something", () => {
    expect(problems('. > 1', scope([], { allowCurrent: false }))).toEqual([
      "'.' (the current answer) cannot be used here at column 1",
    ]);
    expect(problems('string-length() > 1', scope([], { allowCurrent: false }))).toHaveLength(1);
  });

  it('accepts bare names only as choice columns in a choice filter', () => {
    const filter = scope([], { columns: new Set(['name', 'province']) });
    expect(problems('province = ${age}', filter)).toEqual([]);
    expect(problems('commune = ${age}', filter)).toEqual([
      "unknown choice column 'commune' (columns: name, province) at column 1",
    ]);
    expect(problems('province = 1')).toEqual([
      "unexpected name 'province' (a question is referred to as ${province}) at column 1",
    ]);
  });

  it('returns the syntax error when the expression does not parse', () => {
    expect(problems('${age} > ')).toEqual(["missing value after '>' at column 8"]);
  });
});

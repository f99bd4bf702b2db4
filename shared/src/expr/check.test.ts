import { describe, expect, it } from 'vitest';
import { checkExpression, expressionInfo } from './check.js';
import { parseExpression } from './parse.js';
import { describeProblem } from './problem.js';

function problems(source: string): string[] {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(describeProblem(parsed.problem));
  return checkExpression(parsed.expr).map(describeProblem);
}

describe('checking an expression on its own', () => {
  it('accepts every function of the ODK specification with its arguments', () => {
    expect(
      problems("if(selected(${a}, 'x'), concat(substr(${b}, 0, 2), '-', uuid(6)), format-date(today(), '%Y'))"),
    ).toEqual([]);
    expect(problems("pulldata('fruits', 'name', 'id', ${id}) != '' and regex(${phone}, '^[0-9]{8}$')")).toEqual([]);
    expect(problems('area(${shape}) + distance(${trace}) + pow(2, 3) + atan2(1, 2) + exp10(2)')).toEqual([]);
  });

  it('reports unknown functions and wrong numbers of arguments with their position', () => {
    expect(problems('${a} + frobnicate(1)')).toEqual(['frobnicate() is an unknown function at column 8']);
    expect(problems('if(1, 2)')).toEqual(['if() takes 3 arguments, not 2 at column 1']);
    expect(problems('concat()')).toEqual([]);
  });

  it('refuses a regular expression the linear-time engine cannot run (backreferences, lookahead)', () => {
    expect(problems("regex(., '(a)\\1')")[0]).toMatch(/^the regular expression '\(a\)\\1' cannot be used/);
    expect(problems("regex(., '^(?=.*[0-9]).{8,}$')")[0]).toMatch(/cannot be used/);
    expect(problems("regex(., '^[0-9]{8}$')")).toEqual([]);
  });

  it("refuses '//' as ODK does", () => {
    expect(problems('count(//item)')).toEqual(["'//' is not supported by ODK: write the path in full at column 7"]);
  });

  it('tells what must re-evaluate it: today(), and volatile functions', () => {
    const info = (s: string) => {
      const p = parseExpression(s);
      if (!p.ok) throw new Error('parse');
      return expressionInfo(p.expr);
    };
    expect(info('today() - ${dob}')).toMatchObject({ usesToday: true, volatile: false });
    expect(info('once(random())')).toMatchObject({ volatile: true });
    expect(info("pulldata('fruits', 'a', 'b', 'c') + count(instance('cities')/root/item)").instances).toEqual([
      'fruits',
      'cities',
    ]);
  });
});

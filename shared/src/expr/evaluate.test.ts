import { describe, expect, it } from 'vitest';
import type { RuntimeProblem } from './evaluate.js';
import { evaluateSource, type TestEnv } from './testing.js';
import { parseDate, toText, type Value } from './values.js';

interface Env {
  refs?: Record<string, Value>;
  current?: Value;
  position?: number;
  columns?: Record<string, string>;
}

function run(source: string, env: Env = {}): { value: Value; problems: RuntimeProblem[] } {
  const test: TestEnv = {
    ...(env.refs ? { refs: env.refs } : {}),
    ...(env.current !== undefined ? { current: env.current } : {}),
    ...(env.position !== undefined ? { position: env.position } : {}),
    ...(env.columns ? { item: env.columns } : {}),
  };
  return evaluateSource(source, test);
}

const value = (source: string, env?: Env): Value => run(source, env).value;
const text = (source: string, env?: Env): string => toText(value(source, env));
const date = (iso: string) => parseDate(iso)!;
const nodes = (...values: Value[]): Value => ({ kind: 'nodeset', values });

describe('operators', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['7 div 2', 3.5],
    ['7 mod 3', 1],
    ['-7 mod 3', -1],
    ['-(2 + 3)', -5],
    ['2 * -3', -6],
    ['"4" + 1', 5],
  ])('%s = %s', (source, expected) => {
    expect(value(source)).toBe(expected);
  });

  it.each([
    ['1 = 1', true],
    ['1 != 1', false],
    ['2 < 10', true],
    ["'2' < '10'", true], // numeric comparison, as in ODK
    ["'a' < 'b'", false], // not numbers: false, as in ODK
    ['3 <= 3', true],
    ['3 > 3', false],
    ['3 >= 3', true],
    ["'abc' = 'abc'", true],
    ["'abc' != 'abd'", true],
    ['true() and false()', false],
    ['true() or false()', true],
    ['1 = 1 and 2 = 2 or 1 = 0', true],
  ])('%s is %s', (source, expected) => {
    expect(value(source)).toBe(expected);
  });

  it('compares a number with a string answer as numbers (select choice "1" = 1)', () => {
    expect(value('${choice} = 1', { refs: { choice: '1' } })).toBe(true);
    expect(value('${choice} = 2', { refs: { choice: '1' } })).toBe(false);
  });

  it('treats an unanswered question as empty: equal to "" and not equal to 0', () => {
    expect(value("${age} = ''")).toBe(true);
    expect(value('${age} = 0')).toBe(false);
    expect(value('${age} != 0')).toBe(true);
    expect(value('${age} > 5')).toBe(false);
  });

  it('compares a boolean with anything as booleans', () => {
    expect(value("true() = 'yes'")).toBe(true);
    expect(value("false() = ''")).toBe(true);
    expect(value('true() = 0')).toBe(false);
  });

  it('does not evaluate the right side of "and"/"or" when the left decides', () => {
    expect(run('false() and (1 div 0 > 1)').problems).toEqual([]);
    expect(run('true() or (1 div 0 > 1)').problems).toEqual([]);
  });

  it('reports division and modulo by zero with ODK results and the operator position', () => {
    const div = run('${a} div ${b}', { refs: { a: 1, b: 0 } });
    expect(div.value).toBe(Infinity);
    expect(div.problems).toEqual([{ code: 'division-by-zero', start: 5, end: 8 }]);
    expect(run('-1 div 0').value).toBe(-Infinity);
    expect(Number.isNaN(run('0 div 0').value)).toBe(true);
    const mod = run('5 mod 0');
    expect(Number.isNaN(mod.value)).toBe(true);
    expect(mod.problems[0]?.code).toBe('division-by-zero');
  });

  it('gives NaN (not an exception) for arithmetic on text', () => {
    const r = run("'abc' + 1");
    expect(Number.isNaN(r.value)).toBe(true);
    expect(r.problems).toEqual([]);
  });
});

describe('dates', () => {
  it('compares date answers as dates, with strings and with today()', () => {
    const refs = { dob: date('2020-05-01') };
    expect(value('${dob} < today()', { refs })).toBe(true);
    expect(value("${dob} >= '2020-05-01'", { refs })).toBe(true);
    expect(value("${dob} = '2020-05-01'", { refs })).toBe(true);
    expect(value("${dob} > '2020-05-02'", { refs })).toBe(false);
    expect(value("'2020-01-31' < '2020-02-01'")).toBe(true);
  });

  it('subtracts dates into days (age in years from a date of birth)', () => {
    const refs = { dob: date('2000-11-25') };
    expect(value('today() - ${dob}', { refs })).toBe(9495);
    expect(value('int((today() - ${dob}) div 365.25)', { refs })).toBe(25);
  });

  it('date() accepts a YYYY-MM-DD string or days and reports an invalid date', () => {
    expect(text("date('2024-02-29')")).toBe('2024-02-29');
    expect(text('date(0)')).toBe('1970-01-01');
    expect(text('date(today() + 7)')).toBe('2026-12-01');
    expect(text("date('')")).toBe('');
    const bad = run("date('2023-02-29')");
    expect(bad.value).toBe('');
    expect(bad.problems).toEqual([{ code: 'invalid-date', detail: '2023-02-29', start: 0, end: 18 }]);
    expect(run("date('next week')").problems[0]?.detail).toBe('next week');
  });

  it('today() gives the date of the evaluation context', () => {
    expect(text('today()')).toBe('2026-11-24');
    expect(text('concat(today(), "")')).toBe('2026-11-24');
  });
});

describe('functions', () => {
  it('selected() and count-selected() on select_multiple and select_one answers', () => {
    const refs = { fruits: ['apple', 'mango'], one: 'apple' };
    expect(value("selected(${fruits}, 'mango')", { refs })).toBe(true);
    expect(value("selected(${fruits}, 'man')", { refs })).toBe(false);
    expect(value("selected(${one}, 'apple')", { refs })).toBe(true);
    expect(value("selected(${missing}, 'apple')", { refs })).toBe(false);
    expect(value('count-selected(${fruits})', { refs })).toBe(2);
    expect(value('count-selected(${one})', { refs })).toBe(1);
    expect(value('count-selected(${missing})', { refs })).toBe(0);
    expect(value("selected('a b c', 'b')")).toBe(true);
    expect(value("not(selected(., 'none') and count-selected(.) > 1)", { current: ['none', 'radio'] })).toBe(false);
  });

  it('if() evaluates only the branch it returns', () => {
    expect(value("if(1 < 2, 'yes', 'no')")).toBe('yes');
    expect(value('if(${b} = 0, 0, ${a} div ${b})', { refs: { a: 6, b: 0 } })).toBe(0);
    expect(run('if(${b} = 0, 0, ${a} div ${b})', { refs: { a: 6, b: 0 } }).problems).toEqual([]);
  });

  it('concat() joins text, numbers, dates and selections', () => {
    expect(text("concat(${first}, ' ', ${last})", { refs: { first: 'Ana', last: 'Ndayishimiye' } })).toBe(
      'Ana Ndayishimiye',
    );
    expect(text("concat('n=', 3, ' d=', ${d}, ' s=', ${s})", { refs: { d: date('2026-01-02'), s: ['a', 'b'] } })).toBe(
      'n=3 d=2026-01-02 s=a b',
    );
    expect(text('concat()')).toBe('');
  });

  it('string-length() counts characters of its argument or of the current answer', () => {
    expect(value("string-length('Kirundi')")).toBe(7);
    expect(value('string-length()', { current: 'Gitega' })).toBe(6);
    expect(value('string-length(${missing})')).toBe(0);
    expect(value("string-length('é')")).toBe(1);
  });

  it('regex() matches the whole answer, as ODK does', () => {
    expect(value("regex('12345678', '[0-9]{8}')")).toBe(true);
    expect(value("regex('a12345678', '[0-9]{8}')")).toBe(false);
    expect(value("regex('abc123', '[0-9]+')")).toBe(false);
    expect(value("regex(., '^(\\+?257)?[0-9]{8}$')", { current: '+25779123456' })).toBe(true);
  });

  it('regex() reports a pattern computed at run time that is invalid, instead of throwing', () => {
    const r = run('regex(., ${pattern})', { current: '1', refs: { pattern: '[0-9' } });
    expect(r.value).toBe(false);
    expect(r.problems).toMatchObject([{ code: 'invalid-regex', detail: '[0-9' }]);
  });

  it('coalesce() returns the first non-empty value', () => {
    expect(value("coalesce(${a}, 'fallback')")).toBe('fallback');
    expect(value("coalesce(${a}, 'fallback')", { refs: { a: 42 } })).toBe(42);
    expect(value('coalesce(${a}, 0) + coalesce(${b}, 0)', { refs: { b: 3 } })).toBe(3);
  });

  it('int() truncates toward zero', () => {
    expect(value('int(1.9)')).toBe(1);
    expect(value('int(-1.9)')).toBe(-1);
    expect(value("int('7.5')")).toBe(7);
    expect(Number.isNaN(value('int(${missing})'))).toBe(true);
  });

  it('round() rounds halves toward +infinity, with optional digits', () => {
    expect(value('round(1.5)')).toBe(2);
    expect(value('round(2.5)')).toBe(3);
    expect(value('round(-1.5)')).toBe(-1);
    expect(value('round(1.2345, 2)')).toBe(1.23);
    expect(value('round(1.005, 2)')).toBe(1.01);
    expect(value('round(1235.5, -2)')).toBe(1200);
  });

  it('sum() and count() aggregate one value per repeat instance', () => {
    const refs = { ages: nodes(34, 7, 19), empty: nodes(), partly: nodes(1, '', 2) };
    expect(value('sum(${ages})', { refs })).toBe(60);
    expect(value('count(${ages})', { refs })).toBe(3);
    expect(value('sum(${empty})', { refs })).toBe(0);
    expect(value('count(${empty})', { refs })).toBe(0);
    expect(value('sum(${partly})', { refs })).toBe(3);
    expect(value('count(${partly})', { refs })).toBe(3);
    expect(value('sum(${one})', { refs: { one: 5 } })).toBe(5);
  });

  it('position(..) is the 1-based index of the current repeat instance', () => {
    expect(value('position(..)', { position: 3 })).toBe(3);
    expect(text("concat('Membre ', position(..))", { position: 2 })).toBe('Membre 2');
  });

  it('true(), false(), not(), boolean(), number(), string()', () => {
    expect(value('true()')).toBe(true);
    expect(value('false()')).toBe(false);
    expect(value('not(1 = 2)')).toBe(true);
    expect(value("not('')")).toBe(true);
    expect(value("boolean('0')")).toBe(true);
    expect(value("boolean('')")).toBe(false);
    expect(value("number('42')")).toBe(42);
    expect(Number.isNaN(value("number('abc')"))).toBe(true);
    expect(value('string(3.5)')).toBe('3.5');
    expect(value('string(1 div 0)')).toBe('Infinity');
    expect(value('string(true())')).toBe('true');
  });

  it('bare names read choice columns inside a choice filter', () => {
    expect(value('province = ${province}', { refs: { province: 'P03' }, columns: { province: 'P03' } })).toBe(true);
    expect(value('province = ${province}', { refs: { province: 'P05' }, columns: { province: 'P03' } })).toBe(false);
  });
});

describe('XLSForm documentation examples', () => {
  it('constraint ". >= 0 and . <= 150" on an age', () => {
    expect(value('. >= 0 and . <= 150', { current: 42 })).toBe(true);
    expect(value('. >= 0 and . <= 150', { current: 151 })).toBe(false);
  });

  it('relevant "${has_children} = \'yes\'"', () => {
    expect(value("${has_children} = 'yes'", { refs: { has_children: 'yes' } })).toBe(true);
    expect(value("${has_children} = 'yes'", { refs: { has_children: 'no' } })).toBe(false);
  });

  it('calculation "${bill_amount} * 0.18" (ODK docs tip example)', () => {
    expect(value('${bill_amount} * 0.18', { refs: { bill_amount: 50 } })).toBe(9);
  });

  it('constraint "regex(., \'^[a-z]+$\')" and string-length limit', () => {
    expect(value("regex(., '^[a-z]+$') and string-length(.) <= 5", { current: 'abc' })).toBe(true);
    expect(value("regex(., '^[a-z]+$') and string-length(.) <= 5", { current: 'abcdef' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from './functions.js';
import { FUNCTION_IMPLEMENTATIONS } from './functions/index.js';
import { evaluateSource, itemsInstance, type TestEnv } from './testing.js';
import { isDate, isNodeSet, toText, type Value } from './values.js';

/**
 * The function library against the ODK XForms specification ("XPath Functions"): the examples of its
 * table, and the edge cases it spells out (0-based substr, selected-at on an empty list, the device's time
 * zone for decimal-time, seeded randomize reproducible across clients).
 */

const value = (source: string, env: TestEnv = {}): Value => evaluateSource(source, env).value;
const text = (source: string, env: TestEnv = {}) => toText(value(source, env));
const num = (source: string, env: TestEnv = {}) => value(source, env) as number;

describe('every function of the specification has an implementation', () => {
  it.each([...FUNCTIONS.keys()])('%s', (name) => {
    expect(FUNCTION_IMPLEMENTATIONS.has(name)).toBe(true);
  });
});

describe('string functions', () => {
  it('string, concat (node-sets: every value), join', () => {
    expect(text('string(12.50)')).toBe('12.5');
    expect(text("concat('a')")).toBe('a');
    expect(text("concat('a', 1, true())")).toBe('a1true');
    const nodes = { kind: 'nodeset', values: ['x', 'y', 'z'] } as const;
    expect(text("concat('>', ${n})", { refs: { n: nodes } })).toBe('>xyz');
    expect(text("join(', ', ${n})", { refs: { n: nodes } })).toBe('x, y, z');
  });

  it('substr: 0-based start, end exclusive, negative values from the end', () => {
    expect(text("substr('0123456789', 5)")).toBe('56789');
    expect(text("substr('0123456789', 2, 4)")).toBe('23');
    expect(text("substr('hello', 0)")).toBe('hello');
    expect(text("substr('hello', 1, 4)")).toBe('ell');
    expect(text("substr('hello', -2)")).toBe('lo');
    expect(text("substr('hello', 0, -1)")).toBe('hell');
  });

  it('XPath 1.0 substring, substring-before/after, translate, normalize-space, string-length', () => {
    expect(text("substring('12345', 2, 3)")).toBe('234');
    expect(text("substring('12345', 1.5, 2.6)")).toBe('234');
    expect(text("substring-before('1999/04/01', '/')")).toBe('1999');
    expect(text("substring-after('1999/04/01', '/')")).toBe('04/01');
    expect(text("translate('bar', 'abc', 'ABC')")).toBe('BAr');
    expect(text("translate('--aaa--', 'abc-', 'ABC')")).toBe('AAA');
    expect(text("normalize-space('  a \n b  ')")).toBe('a b');
    expect(value("string-length('été')")).toBe(3);
    expect(value('string-length()', { current: 'abcd' })).toBe(4);
  });

  it('contains, starts-with, ends-with', () => {
    expect(value("contains('abc', 'b')")).toBe(true);
    expect(value("starts-with('abc', 'ab')")).toBe(true);
    expect(value("ends-with('abc', 'bc')")).toBe(true);
    expect(value("ends-with('abc', 'b')")).toBe(false);
  });

  it('uuid: RFC 4122 version 4, or a random string of the given length', () => {
    expect(text('uuid()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(text('uuid(12)')).toMatch(/^[A-Za-z0-9]{12}$/);
  });

  it('digest: MD5, SHA-1, SHA-256 in hex or base64 (the default)', () => {
    expect(text("digest('abc', 'MD5', 'hex')")).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(text("digest('abc', 'SHA-1', 'hex')")).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(text("digest('abc', 'SHA-256', 'hex')")).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(text("digest('abc', 'SHA-256')")).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    expect(evaluateSource("digest('abc', 'SHA-3')").problems).toMatchObject([{ code: 'invalid-argument' }]);
  });

  it('base64-decode: UTF-8 text, empty when not base64', () => {
    expect(text("base64-decode('SGVsbG8sIHdvcmxkIQ==')")).toBe('Hello, world!');
    expect(text("base64-decode('w6l0w6k=')")).toBe('été');
    expect(text("base64-decode('***')")).toBe('');
  });

  it('pulldata: a value of a form media file looked up by another column', () => {
    const fruits = itemsInstance([
      { id: '1', name: 'mango', color: 'orange' },
      { id: '2', name: 'banana', color: 'yellow' },
    ]);
    expect(text("pulldata('fruits', 'color', 'name', 'banana')", { instances: { fruits } })).toBe('yellow');
    expect(text("pulldata('fruits', 'color', 'name', 'kiwi')", { instances: { fruits } })).toBe('');
    expect(evaluateSource("pulldata('missing', 'a', 'b', 'c')").problems).toMatchObject([
      { code: 'missing-instance', detail: 'missing' },
    ]);
  });
});

describe('boolean functions', () => {
  it('if (lazy), coalesce, once', () => {
    expect(value("if(true(), 'a', 1 div 0)")).toBe('a');
    expect(value("coalesce('', 'b')")).toBe('b');
    expect(value('coalesce(${a}, ${b})', { refs: { b: 7 } })).toBe(7);
    expect(value('once(3)')).toBe(3);
    expect(value('once(3)', { current: 'kept' })).toBe('kept');
  });

  it('boolean, boolean-from-string ("true" or "1" only), not, true, false', () => {
    expect(value("boolean('false')")).toBe(true);
    expect(value("boolean-from-string('true')")).toBe(true);
    expect(value("boolean-from-string('1')")).toBe(true);
    expect(value("boolean-from-string('yes')")).toBe(false);
    expect(value('not(false())')).toBe(true);
  });

  it('regex matches the whole value (as ODK Collect does)', () => {
    expect(value("regex('12345678', '[0-9]{8}')")).toBe(true);
    expect(value("regex('123456789', '[0-9]{8}')")).toBe(false);
    expect(value("regex('+25712345678', '^(\\+?257)?[0-9]{8}$')")).toBe(true);
  });

  it('checklist and weighted-checklist count true answers within min..max (-1: no bound)', () => {
    // The examples of the ODK documentation (form-operators-functions, checklist).
    expect(value('checklist(-1, 2, 2>1)')).toBe(true);
    expect(value('checklist(-1, 2, 1=1, 2=2, 3=3)')).toBe(false);
    expect(value('checklist(1, 2, 1=1, 2=2, 3=3)')).toBe(false);
    expect(value('checklist(1, 1, 1=1)')).toBe(true);
    expect(value('checklist(1, 1, true(), false(), false())')).toBe(true);
    expect(value("checklist(1, 2, 'yes', 0)")).toBe(false);
    expect(value('weighted-checklist(3, 4, 1, 2, 1, 2, 0, 5)')).toBe(true);
    expect(value('weighted-checklist(5, -1, 1, 2, 1, 2)')).toBe(false);
  });
});

describe('number functions', () => {
  it('number converts dates and dateTimes to days since 1970', () => {
    expect(value("number('2026-01-01')")).toBe(20454);
    expect(value("number('1970-01-01T12:00:00Z')")).toBe(0.5);
    expect(value("number('abc')")).toBeNaN();
  });

  it('int, round (halves up, digits), floor, ceiling, abs, pow, sqrt, exp, exp10, log, log10, pi', () => {
    expect(value('int(-1.9)')).toBe(-1);
    expect(value('round(-1.5)')).toBe(-1);
    expect(value('round(1.005, 2)')).toBe(1.01);
    expect(value('round(1234.5, -2)')).toBe(1200);
    expect(value('floor(-1.1)')).toBe(-2);
    expect(value('ceiling(1.1)')).toBe(2);
    expect(value('abs(-3)')).toBe(3);
    expect(value('pow(2, 10)')).toBe(1024);
    expect(value('sqrt(16)')).toBe(4);
    expect(value('exp10(2)')).toBe(100);
    expect(num('exp(1)')).toBeCloseTo(Math.E);
    expect(num('log(exp(2))')).toBeCloseTo(2);
    expect(value('log10(1000)')).toBe(3);
    expect(num('pi()')).toBeCloseTo(Math.PI);
  });

  it('trigonometry', () => {
    expect(num('sin(pi() div 2)')).toBeCloseTo(1);
    expect(num('cos(0)')).toBe(1);
    expect(num('tan(0)')).toBe(0);
    expect(num('asin(1)')).toBeCloseTo(Math.PI / 2);
    expect(num('acos(1)')).toBe(0);
    expect(num('atan(1)')).toBeCloseTo(Math.PI / 4);
    expect(num('atan2(1, 1)')).toBeCloseTo(Math.PI / 4);
  });

  it('sum (unanswered skipped), max and min over node-sets and values (NaN when one is not a number)', () => {
    const ns = { kind: 'nodeset', values: [3, '', 9] } as const;
    expect(value('sum(${n})', { refs: { n: ns } })).toBe(12);
    expect(value('max(${n}, 4)', { refs: { n: { kind: 'nodeset', values: [3, 9] } } })).toBe(9);
    expect(value('min(3, 1, 2)')).toBe(1);
    expect(value("max(1, 'a')")).toBeNaN();
  });

  it('random gives a number in [0, 1)', () => {
    const r = num('random()');
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThan(1);
  });
});

describe('node-set functions', () => {
  const list = itemsInstance(['A', 'B', 'C', 'D', 'E', 'F'].map((name) => ({ name })));

  it('count, count-non-empty, position, last, name in predicates', () => {
    const env = { instances: { l: list } };
    expect(value("count(instance('l')/root/item)", env)).toBe(6);
    expect(value("count(instance('l')/root/item[position() > 4])", env)).toBe(2);
    expect(text("instance('l')/root/item[last()]/name", env)).toBe('F');
    expect(text("name(instance('l')/root/item)", env)).toBe('item');
    expect(value('count-non-empty(${n})', { refs: { n: { kind: 'nodeset', values: ['a', '', 'b'] } } })).toBe(2);
  });

  it('randomize with a seed gives the order ODK Collect gives (Park-Miller, JavaRosa seed conversion)', () => {
    const order = (seed: string) => {
      const v = value(`randomize(instance('l')/root/item, ${seed})`, { instances: { l: list } });
      return isNodeSet(v) ? v.values.map(toText).join('') : '';
    };
    expect(order('42')).toBe('AFCBDE');
    expect(order("'42'")).toBe('AFCBDE');
    expect(order('-42')).toBe('EDAFBC');
    expect(order('1')).toBe('BFEACD');
    expect(order('11111111')).toBe('ACDBFE');
    expect(order('1.1')).toBe('BFEACD');
    expect(order('0')).toBe('CBEAFD');
    expect(order("'mirror'")).toBe('ACBEDF');
  });
});

describe('date and time functions', () => {
  it('today and now (the device clock, with its time zone offset)', () => {
    const env = { today: '2026-11-24', now: { instant: Date.UTC(2026, 10, 24, 8, 30, 5, 12), offset: 120 } };
    expect(isDate(value('today()', env)) && text('today()', env)).toBe('2026-11-24');
    expect(text('now()', env)).toBe('2026-11-24T10:30:05.012+02:00');
  });

  it('format-date and format-date-time: %Y %y %m %n %b %d %e %a %H %h %M %S %3', () => {
    const env = { now: { instant: 0, offset: 120 }, language: 'en' };
    expect(text("format-date('2026-03-05', '%Y/%y/%m/%n/%d/%e')", env)).toBe('2026/26/03/3/05/5');
    expect(text("format-date('2026-03-05', '%a %e %b')", env)).toBe('Thu 5 Mar');
    expect(text("format-date-time('2026-03-05T07:08:09.010+02:00', '%H:%M:%S.%3 %h')", env)).toBe('07:08:09.010 7');
    expect(text("format-date(date('2026-03-05') + 30, '%Y-%m-%d')", env)).toBe('2026-04-04');
    expect(text("format-date('2026-03-05', '%b')", { ...env, language: 'fr' })).toBe('mars');
  });

  it('date, decimal-date-time, date arithmetic', () => {
    expect(text("date('2026-01-31')")).toBe('2026-01-31');
    expect(text('date(20454)')).toBe('2026-01-01');
    expect(text("date('2026-01-31T23:10:00+02:00')")).toBe('2026-01-31');
    expect(value("decimal-date-time('1970-01-02T06:00:00Z')")).toBe(1.25);
    expect(value("date('2026-03-01') - date('2026-02-01')")).toBe(28);
    expect(evaluateSource("date('2026-02-30')").problems).toMatchObject([{ code: 'invalid-date' }]);
  });

  it("decimal-time: a fraction of the day in the device's time zone (noon is 0.5, 6pm 0.75)", () => {
    const minus7 = { now: { instant: 0, offset: -7 * 60 } };
    expect(value("decimal-time('12:00:00.000-07:00')", minus7)).toBe(0.5);
    expect(value("decimal-time('18:00:00.000-07:00')", minus7)).toBe(0.75);
    expect(value("decimal-time('06:00:00.000-01:00')", minus7)).toBe(0);
    expect(value("decimal-time('23:59:00.000-13:00')", minus7)).toBeCloseTo(0.24930555555555556);
    expect(value("decimal-time('24:00:00.000-07:00')", minus7)).toBeNaN();
    expect(value("decimal-time('06:00:00.000-24:00')", minus7)).toBeNaN();
    expect(value("decimal-time('23:59:00.000-07:60')", minus7)).toBeNaN();
  });
});

describe('select functions', () => {
  it('selected, selected-at (0-based; empty outside), count-selected', () => {
    expect(value("selected('apple baby crimson', 'baby')")).toBe(true);
    expect(value("selected-at('zero one two three', 1)")).toBe('one');
    expect(value("selected-at('zero one two three', 4)")).toBe('');
    expect(value("selected-at('zero one two three', -1)")).toBe('');
    expect(value("selected-at('', 0)")).toBe('');
    expect(value("count-selected('a b c')")).toBe(3);
    expect(value('count-selected(${m})', { refs: { m: ['x', 'y'] } })).toBe(2);
  });
});

describe('geographic functions (a sphere of the equatorial radius, to the centimetre)', () => {
  const SHAPE =
    '7.9377 -11.5845 0 0;7.9324 -11.5902 0 0;7.927 -11.5857 0 0;7.925 -11.578 0 0;7.9267 -11.5722 0 0;7.9325 -11.5708 0 0;7.9372 -11.5737 0 0;7.9393 -11.579 0 0;7.9377 -11.5845 0 0';
  it('area and distance of a geoshape, a line and points', () => {
    expect(value(`area('${SHAPE}')`)).toBe(2333220.77);
    expect(value(`distance('${SHAPE}')`)).toBe(5724.36);
    expect(value("distance('7.9377 -11.5845 0 0;7.9324 -11.5902 0 0')")).toBe(861.99);
    expect(value("distance('0 0;0 1')")).toBe(111318.85);
    expect(value("area('0 0;0 1')")).toBe(0);
    expect(value("area('a')")).toBe(0);
    expect(evaluateSource("distance('a')").problems).toMatchObject([{ code: 'invalid-argument' }]);
  });

  it('geofence: whether a point lies inside a shape', () => {
    const square = '0 0 0 0;0 1 0 0;1 1 0 0;1 0 0 0;0 0 0 0';
    expect(value(`geofence('0.5 0.5', '${square}')`)).toBe(true);
    expect(value(`geofence('1.5 0.5', '${square}')`)).toBe(false);
  });
});

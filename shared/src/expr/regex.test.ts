import { describe, expect, it } from 'vitest';
import { compileRegex, MAX_PROGRAM } from './regex.js';

function matches(pattern: string, value: string): boolean {
  const compiled = compileRegex(pattern);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.why}`);
  return compiled.re.matches(value);
}

const refusal = (pattern: string) => {
  const compiled = compileRegex(pattern);
  return compiled.ok ? null : compiled.why;
};

/** Patterns of real forms and the syntax around them; each is checked against JavaScript's own engine. */
const PATTERNS = [
  '[0-9]{8}',
  '^(\\+?257)?[0-9]{8}$',
  '^[A-Z]{2}[0-9]{6}$',
  '[a-zA-Z ]+',
  '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$',
  '\\d{1,3}(,\\d{3})*(\\.\\d+)?',
  '(a|ab)(c|bcd)(d*)',
  '(a*)*b',
  '(a|aa)+b',
  '([a-z]+)+',
  'x*y+z?',
  'a{2,}b{0,2}',
  '[^aeiou]+',
  '[\\w.-]+',
  '\\s*\\S+\\s*',
  '(?:ab|cd)+',
  '(?i)hello',
  '(?i:abc)d',
  'a.c',
  '[[:alpha:]]+[[:digit:]]*',
  '\\p{L}+',
  '\\p{Lu}\\p{Ll}+',
  '\\bword\\b.*',
  '.*\\Bor\\B.*',
  'a|b|',
  '()',
  '(a+?)(b??)',
  '[]a]+',
  '[a-]+',
  '\\Q1+1=2\\E',
  '\\x41\\u00e9\\x{1F600}?',
  'é+',
  '[à-ÿ]+',
  'colou?r',
  '[0-9]{2}/[0-9]{2}/[0-9]{4}',
  'CL[0-9]{8}',
];

const VALUES = [
  '',
  'a',
  'b',
  'ab',
  'abcd',
  'aab',
  'aaaaaaab',
  'hello',
  'HeLLo',
  'abcd',
  'Abcd',
  '12345678',
  '123456789',
  '+25712345678',
  '25712345678',
  'AB123456',
  'jean@example.org',
  '1,234,567.89',
  'xyyz',
  'aabb',
  'bcdf',
  'a.b-c_d',
  '  word  ',
  'a word here',
  'sword',
  'abcdabcd',
  'Gitega',
  'Émile',
  'été',
  '😀',
  'color',
  'colour',
  '12/03/2026',
  'CL03010101',
  ']]a',
  'a--',
  '1+1=2',
  'Aé😀',
  'line\nbreak',
  'x y',
];

describe('regex(): our linear-time engine', () => {
  it('matches whole values exactly as a backtracking engine would, on real patterns', () => {
    for (const pattern of PATTERNS) {
      // The JavaScript equivalents: anchored whole, Unicode mode; (?i) and \Q…\E rewritten.
      const js = pattern
        .replace(/^\(\?i\)(.*)$/, '$1')
        .replace('(?i:abc)d', '[aA][bB][cC]d')
        .replace('\\Q1+1=2\\E', '1\\+1=2')
        .replace(/\[\[:alpha:\]\]/g, '[A-Za-z]')
        .replace(/\[\[:digit:\]\]/g, '[0-9]')
        .replace(/\\x\{1F600\}/g, '\\u{1F600}')
        .replace('[]a]', '[\\]a]');
      const reference = new RegExp(`^(?:${js})$`, pattern.startsWith('(?i)') ? 'iu' : 'u');
      for (const value of VALUES) {
        // Values long enough to hang a backtracking engine are left to the timing test.
        expect(matches(pattern, value), `${pattern} on ${JSON.stringify(value)}`).toBe(reference.test(value));
      }
    }
  });

  it('follows ODK Collect: the whole value must match', () => {
    expect(matches('[0-9]{8}', '12345678')).toBe(true);
    expect(matches('[0-9]{8}', 'a12345678')).toBe(false);
    expect(matches('[0-9]{8}', '12345678a')).toBe(false);
    expect(matches('.*[0-9]{8}.*', 'a12345678a')).toBe(true);
  });

  it('anchors, lines and dots: ^ and $ mean the whole value unless (?m); . stops at a line break unless (?s)', () => {
    expect(matches('a$\\nb', 'a\nb')).toBe(false);
    expect(matches('(?m)a$\\n^b', 'a\nb')).toBe(true);
    expect(matches('a.b', 'a\nb')).toBe(false);
    expect(matches('(?s)a.b', 'a\nb')).toBe(true);
    expect(matches('\\Aab\\z', 'ab')).toBe(true);
  });

  it('refuses what needs backtracking, and malformed patterns, with a reason', () => {
    expect(refusal('(a)\\1')).toMatch(/backreferences/);
    expect(refusal('a(?=b)')).toMatch(/lookahead/);
    expect(refusal('(?<!a)b')).toMatch(/lookbehind/);
    expect(refusal('a*+')).toMatch(/possessive/);
    expect(refusal('a**')).toMatch(/bad repetition operator/);
    expect(refusal('*a')).toMatch(/missing argument/);
    expect(refusal('(ab')).toMatch(/missing closing \)/);
    expect(refusal('ab)')).toMatch(/unexpected \)/);
    expect(refusal('[ab')).toMatch(/missing closing \]/);
    expect(refusal('[z-a]')).toMatch(/invalid character class range/);
    expect(refusal('a{1001}')).toMatch(/bad repetition count/);
    expect(refusal('\\p{Nonsense}')).toMatch(/unknown character class/);
    expect(refusal('\\q')).toMatch(/invalid escape/);
    expect(refusal('ab\\')).toMatch(/trailing backslash/);
    expect(refusal('(\\w{1000}){1000}')).toBe('expression too large');
    expect(MAX_PROGRAM).toBeGreaterThan(1000);
    // A brace that does not count is a brace (as in RE2).
    expect(matches('a{,2}', 'a{,2}')).toBe(true);
  });

  it('takes time linear in the value, whatever the pattern', () => {
    const evil = ['([a-z]+)+', '(a|aa)+b', '(a*)*b', '(x+x+)+y', '(.*a){20}'];
    const value = `${'a'.repeat(5000)}!`;
    for (const pattern of evil) {
      const started = Date.now();
      expect(matches(pattern, value)).toBe(false);
      // A backtracking engine needs longer than the age of the universe; this takes milliseconds.
      expect(Date.now() - started, pattern).toBeLessThan(2000);
    }
  });
});

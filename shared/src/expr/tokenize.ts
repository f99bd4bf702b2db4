import { ExprSyntaxError } from './problem.js';

export type TokenType =
  'number' | 'string' | 'ref' | 'name' | 'dot' | 'dotdot' | 'lparen' | 'rparen' | 'comma' | 'op' | 'eof';

export interface Token {
  readonly type: TokenType;
  /** Operator or name text, string contents, field name of a `${ref}`. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_\-.:]/;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const DIGIT = /[0-9]/;

/** Characters of full XPath that the XLSForm subset leaves out, with a hint for the author. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  '/': "XPath paths ('/') are not supported; refer to questions as ${name}",
  '[': "predicates ('[...]') are not supported",
  ']': "unexpected ']'",
  '@': "attributes ('@') are not supported",
  '|': "node-set unions ('|') are not supported",
  '{': "unexpected '{' (a reference is written ${name})",
  '}': "unexpected '}'",
};

/**
 * Splits an expression into tokens. Throws {@link ExprSyntaxError} (with the position) on a
 * character that cannot start a token, an unterminated string or an unterminated `${`.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  const fail = (message: string, start: number, end = start + 1): never => {
    throw new ExprSyntaxError({ message, start, end });
  };

  while (i < n) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (DIGIT.test(c) || (c === '.' && i + 1 < n && DIGIT.test(source[i + 1]!))) {
      while (i < n && DIGIT.test(source[i]!)) i++;
      if (source[i] === '.') {
        i++;
        while (i < n && DIGIT.test(source[i]!)) i++;
      }
      tokens.push({ type: 'number', text: source.slice(start, i), start, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      const close = source.indexOf(c, i + 1);
      if (close < 0) fail('unterminated string', start, n);
      tokens.push({ type: 'string', text: source.slice(i + 1, close), start, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (c === '$') {
      if (source[i + 1] !== '{') fail("'$' must start a reference like ${name}", start);
      const close = source.indexOf('}', i + 2);
      if (close < 0) fail("unterminated reference: missing '}'", start, n);
      const name = source.slice(i + 2, close).trim();
      if (!FIELD_NAME.test(name))
        fail(`'${source.slice(start, close + 1)}' is not a valid reference`, start, close + 1);
      tokens.push({ type: 'ref', text: name, start, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (c === '.') {
      if (source[i + 1] === '.') {
        tokens.push({ type: 'dotdot', text: '..', start, end: i + 2 });
        i += 2;
      } else {
        tokens.push({ type: 'dot', text: '.', start, end: i + 1 });
        i++;
      }
      continue;
    }
    if (NAME_START.test(c)) {
      i++;
      while (i < n && NAME_PART.test(source[i]!)) i++;
      // A trailing '.' or '-' belongs to what follows (`a-` then `1` is unusual but harmless).
      while (i > start + 1 && (source[i - 1] === '.' || source[i - 1] === '-')) i--;
      tokens.push({ type: 'name', text: source.slice(start, i), start, end: i });
      continue;
    }
    switch (c) {
      case '(':
        tokens.push({ type: 'lparen', text: c, start, end: i + 1 });
        i++;
        continue;
      case ')':
        tokens.push({ type: 'rparen', text: c, start, end: i + 1 });
        i++;
        continue;
      case ',':
        tokens.push({ type: 'comma', text: c, start, end: i + 1 });
        i++;
        continue;
      case '+':
      case '-':
      case '*':
      case '=':
        tokens.push({ type: 'op', text: c, start, end: i + 1 });
        i++;
        continue;
      case '!':
        if (source[i + 1] !== '=') fail("'!' must be followed by '=' (use not() for negation)", start);
        tokens.push({ type: 'op', text: '!=', start, end: i + 2 });
        i += 2;
        continue;
      case '<':
      case '>': {
        const op = source[i + 1] === '=' ? `${c}=` : c;
        tokens.push({ type: 'op', text: op, start, end: i + op.length });
        i += op.length;
        continue;
      }
      default:
        fail(UNSUPPORTED[c] ?? `unexpected character '${c}'`, start);
    }
  }
  tokens.push({ type: 'eof', text: '', start: n, end: n });
  return tokens;
}

import { ExprSyntaxError } from './problem.js';

export type TokenType =
  | 'number'
  | 'string'
  | 'ref'
  | 'name'
  | 'star'
  | 'op'
  | 'axis'
  | 'dot'
  | 'dotdot'
  | 'at'
  | 'lparen'
  | 'rparen'
  | 'lbracket'
  | 'rbracket'
  | 'comma'
  | 'slash'
  | 'dslash'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  /** Operator or name text, string contents, field name of a `${ref}` (with `last-saved#` kept). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}\p{M}_.\-\u00b7]/u;
const REF_NAME = /^(last-saved#)?[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00b7]*$/u;
const DIGIT = /[0-9]/;
const WORD_OPS = new Set(['and', 'or', 'div', 'mod']);
const AXES = new Set([
  'child',
  'self',
  'parent',
  'attribute',
  'descendant',
  'descendant-or-self',
  'ancestor',
  'ancestor-or-self',
  'following',
  'following-sibling',
  'preceding',
  'preceding-sibling',
  'namespace',
]);

/**
 * Whether the token before allows an operator next (XPath 1.0 §3.7: after anything but `@`, `::`,
 * `(`, `[`, `,` or an operator, `*` multiplies and `and`/`or`/`div`/`mod` are operators).
 */
function operatorExpected(previous: Token | undefined): boolean {
  if (!previous) return false;
  switch (previous.type) {
    case 'at':
    case 'axis':
    case 'lparen':
    case 'lbracket':
    case 'comma':
    case 'op':
    case 'slash':
    case 'dslash':
      return false;
    default:
      return true;
  }
}

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
  const push = (type: TokenType, text: string, start: number, end: number) => {
    tokens.push({ type, text, start, end });
    i = end;
  };

  while (i < n) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0') {
      i++;
      continue;
    }
    const start = i;
    const previous = tokens[tokens.length - 1];
    if (DIGIT.test(c) || (c === '.' && i + 1 < n && DIGIT.test(source[i + 1]!))) {
      let j = i;
      while (j < n && DIGIT.test(source[j]!)) j++;
      if (source[j] === '.') {
        j++;
        while (j < n && DIGIT.test(source[j]!)) j++;
      }
      push('number', source.slice(start, j), start, j);
      continue;
    }
    if (c === "'" || c === '"') {
      const close = source.indexOf(c, i + 1);
      if (close < 0) fail('unterminated string', start, n);
      push('string', source.slice(i + 1, close), start, close + 1);
      continue;
    }
    if (c === '$') {
      if (source[i + 1] !== '{') fail("'$' must start a reference like ${name}", start);
      const close = source.indexOf('}', i + 2);
      if (close < 0) fail("unterminated reference: missing '}'", start, n);
      const name = source.slice(i + 2, close).trim();
      if (!REF_NAME.test(name)) fail(`'${source.slice(start, close + 1)}' is not a valid reference`, start, close + 1);
      push('ref', name, start, close + 1);
      continue;
    }
    if (c === '.') {
      if (source[i + 1] === '.') push('dotdot', '..', start, i + 2);
      else push('dot', '.', start, i + 1);
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < n && NAME_PART.test(source[j]!)) j++;
      // A trailing '.' or '-' belongs to what follows.
      while (j > start + 1 && (source[j - 1] === '.' || source[j - 1] === '-')) j--;
      // A prefixed name (`jr:choice-name`, `ex:app`), but not an axis (`child::`).
      if (source[j] === ':' && source[j + 1] !== ':' && j + 1 < n && NAME_START.test(source[j + 1]!)) {
        j++;
        while (j < n && NAME_PART.test(source[j]!)) j++;
        while (source[j - 1] === '.' || source[j - 1] === '-') j--;
      }
      const text = source.slice(start, j);
      if (operatorExpected(previous) && WORD_OPS.has(text)) {
        push('op', text, start, j);
        continue;
      }
      let k = j;
      while (k < n && /\s/.test(source[k]!)) k++;
      if (source[k] === ':' && source[k + 1] === ':') {
        if (AXES.has(text)) {
          push('axis', text, start, k + 2);
          continue;
        }
        // `label::English` is a column of a translated choice list (as XLSForm headers write it), not an axis.
        let m = k + 2;
        while (m < n && /[^\s()[\],=!<>|+*/]/.test(source[m]!)) m++;
        push('name', source.slice(start, m).replace(/\s+/g, ''), start, m);
        continue;
      }
      push('name', text, start, j);
      continue;
    }
    switch (c) {
      case '(':
        push('lparen', c, start, i + 1);
        continue;
      case ')':
        push('rparen', c, start, i + 1);
        continue;
      case '[':
        push('lbracket', c, start, i + 1);
        continue;
      case ']':
        push('rbracket', c, start, i + 1);
        continue;
      case ',':
        push('comma', c, start, i + 1);
        continue;
      case '@':
        push('at', c, start, i + 1);
        continue;
      case '|':
        push('op', c, start, i + 1);
        continue;
      case '/':
        if (source[i + 1] === '/') push('dslash', '//', start, i + 2);
        else push('slash', '/', start, i + 1);
        continue;
      case '*':
        push(operatorExpected(previous) ? 'op' : 'star', c, start, i + 1);
        continue;
      case '+':
      case '-':
      case '=':
        push('op', c, start, i + 1);
        continue;
      case '!':
        if (source[i + 1] !== '=') fail("'!' must be followed by '=' (use not() for negation)", start);
        push('op', '!=', start, i + 2);
        continue;
      case '<':
      case '>': {
        const op = source[i + 1] === '=' ? `${c}=` : c;
        push('op', op, start, i + op.length);
        continue;
      }
      case '{':
        fail("unexpected '{' (a reference is written ${name})", start);
        break;
      default:
        fail(`unexpected character '${c}'`, start);
    }
  }
  tokens.push({ type: 'eof', text: '', start: n, end: n });
  return tokens;
}

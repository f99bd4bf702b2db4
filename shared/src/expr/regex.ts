/**
 * `regex(value, pattern)` with a linear-time engine of our own: the pattern is compiled to a Thompson
 * NFA and the value is run through it once, keeping the set of states reached (no backtracking). Time
 * is at most (length of the value) × (size of the program), whatever the pattern; the program is capped
 * at {@link MAX_PROGRAM} instructions. Plain TypeScript, so the device and the server run the very same
 * code (no WebAssembly: nothing to add to the app's CSP) and the app shell stays small.
 *
 * JavaScript's own regular expressions backtrack: `([a-z]+)+` against 31 characters took 9.3 s per
 * push on the server and blocked every other push (issue 12, finding 5).
 *
 * The syntax is RE2's (which is also what Java, and so ODK Collect, accepts for the patterns forms use):
 * literals and escapes (`\.`, `\t`, `\x41`, `\u00e9`, `\x{1F600}`, `\Q…\E`), `.`, classes (`[a-z]`,
 * `[^…]`, `[[:alpha:]]`), `\d \D \w \W \s \S`, Unicode properties (`\p{L}`, `\pN`, `\P{Lu}`), groups
 * (`(…)`, `(?:…)`, `(?<name>…)`, `(?P<name>…)`), flags (`(?i)`, `(?s)`, `(?m)`, `(?i:…)`), alternation,
 * `* + ?` (greedy, lazy), `{n}`, `{n,}`, `{n,m}` (up to 1000), anchors `^ $ \A \z` and word boundaries
 * `\b \B`. Backreferences, lookaround and possessive quantifiers cannot run in linear time: RE2 refuses
 * them and so does this, when the pattern is compiled (the importer reports it at the cell; a pattern
 * computed at run time shows as an invalid pattern on its question).
 *
 * ODK Collect matches the whole value (Java's `Pattern.matches`), and so does this.
 */

export interface Regex {
  /** Whether `value` as a whole matches. */
  matches(value: string): boolean;
}

export type CompiledRegex = { readonly ok: true; readonly re: Regex } | { readonly ok: false; readonly why: string };

/** Compiled patterns, keyed by pattern text (owned by the caller, e.g. one per compiled expression). */
export type RegexCache = Map<string, CompiledRegex>;

/** Largest program a pattern may compile to (RE2 refuses similar sizes: `(\w{1000}){1000}`). */
export const MAX_PROGRAM = 20_000;
const MAX_REPEAT = 1000;

// ---- syntax

type Test = (cp: number) => boolean;
type Assertion = 'bol' | 'eol' | 'bot' | 'eot' | 'word' | 'nonword';

type Node =
  | { readonly k: 'char'; readonly test: Test }
  | { readonly k: 'cat'; readonly items: readonly Node[] }
  | { readonly k: 'alt'; readonly items: readonly Node[] }
  | { readonly k: 'rep'; readonly node: Node; readonly min: number; readonly max: number }
  | { readonly k: 'assert'; readonly what: Assertion };

interface Flags {
  readonly i: boolean;
  readonly s: boolean;
  readonly m: boolean;
}

class RegexSyntaxError extends Error {}

const cp = (c: string) => c.codePointAt(0)!;
const isWordCp = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigitCp = (c: number) => c >= 48 && c <= 57;
const isSpaceCp = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** POSIX classes (`[[:alpha:]]`), ASCII as in RE2 and Java's `\p{Alpha}`. */
const POSIX: Readonly<Record<string, Test>> = {
  alnum: (c) => isDigitCp(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  ascii: (c) => c <= 0x7f,
  blank: (c) => c === 32 || c === 9,
  cntrl: (c) => c < 32 || c === 0x7f,
  digit: isDigitCp,
  graph: (c) => c > 32 && c < 0x7f,
  lower: (c) => c >= 97 && c <= 122,
  print: (c) => c >= 32 && c < 0x7f,
  punct: (c) => (c > 32 && c < 48) || (c > 57 && c < 65) || (c > 90 && c < 97) || (c > 122 && c < 0x7f),
  space: isSpaceCp,
  upper: (c) => c >= 65 && c <= 90,
  word: isWordCp,
  xdigit: (c) => isDigitCp(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};

/** Java's names for the POSIX classes (`\p{Alpha}`, `\p{Punct}`…). */
const JAVA_POSIX: Readonly<Record<string, string>> = {
  Lower: 'lower',
  Upper: 'upper',
  ASCII: 'ascii',
  Alpha: 'alpha',
  Digit: 'digit',
  Alnum: 'alnum',
  Punct: 'punct',
  Graph: 'graph',
  Print: 'print',
  Blank: 'blank',
  Cntrl: 'cntrl',
  XDigit: 'xdigit',
  Space: 'space',
};

function unicodeProperty(name: string): Test {
  const posix = JAVA_POSIX[name];
  if (posix) return POSIX[posix]!;
  // `IsLatin`, `InGreek` (Java) are scripts; `L`, `Lu`, `Greek` (RE2) go to JavaScript as they are.
  const js = /^Is[A-Z]/.test(name) ? `Script=${name.slice(2)}` : name;
  let re: RegExp;
  try {
    re = new RegExp(`^\\p{${js}}$`, 'u');
  } catch {
    throw new RegexSyntaxError(`unknown character class \\p{${name}}`);
  }
  // One character at a time: no backtracking can happen in this.
  return (c) => re.test(String.fromCodePoint(c));
}

function folded(test: Test): Test {
  return (c) => {
    if (test(c)) return true;
    const s = String.fromCodePoint(c);
    const lower = s.toLowerCase();
    const upper = s.toUpperCase();
    return (
      (lower.length > 0 && [...lower].length === 1 && test(cp(lower))) ||
      (upper.length > 0 && [...upper].length === 1 && test(cp(upper)))
    );
  };
}

class Parser {
  private readonly chars: string[];
  private pos = 0;
  private flags: Flags = { i: false, s: false, m: false };

  constructor(pattern: string) {
    this.chars = [...pattern];
  }

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.chars.length) {
      throw new RegexSyntaxError(this.peek() === ')' ? 'unexpected )' : `unexpected '${this.peek()}'`);
    }
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private eat(text: string): boolean {
    const parts = [...text];
    if (parts.every((c, i) => this.chars[this.pos + i] === c)) {
      this.pos += parts.length;
      return true;
    }
    return false;
  }

  private alternation(): Node {
    const items = [this.concatenation()];
    while (this.eat('|')) items.push(this.concatenation());
    return items.length === 1 ? items[0]! : { k: 'alt', items };
  }

  private concatenation(): Node {
    const items: Node[] = [];
    while (this.pos < this.chars.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      if (atom) items.push(this.repetition(atom));
    }
    return items.length === 1 ? items[0]! : { k: 'cat', items };
  }

  private repetition(atom: Node): Node {
    let node = atom;
    let repeated = false;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === '*' || c === '+' || c === '?') {
        this.pos++;
        [min, max] = c === '*' ? [0, -1] : c === '+' ? [1, -1] : [0, 1];
      } else if (c === '{') {
        const counted = this.counted();
        if (!counted) return node;
        [min, max] = counted;
      } else return node;
      if (repeated)
        throw new RegexSyntaxError(`bad repetition operator: ${this.chars.slice(this.pos - 2, this.pos).join('')}`);
      if (this.peek() === '+')
        throw new RegexSyntaxError('possessive quantifiers cannot be used (they need backtracking)');
      this.eat('?'); // lazy: the same set of matches
      node = { k: 'rep', node, min, max };
      repeated = true;
    }
  }

  /** `{n}`, `{n,}`, `{n,m}`; anything else after `{` is a literal brace (as in RE2). */
  private counted(): [number, number] | null {
    const rest = this.chars.slice(this.pos, this.pos + 16).join('');
    const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (!m) return null;
    this.pos += [...m[0]].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    if (min > MAX_REPEAT || max > MAX_REPEAT || (max !== -1 && max < min))
      throw new RegexSyntaxError(`bad repetition count: ${m[0]}`);
    return [min, max];
  }

  private atom(): Node | null {
    const c = this.peek()!;
    if (c === '*' || c === '+' || c === '?')
      throw new RegexSyntaxError(`missing argument to repetition operator: ${c}`);
    if (c === '(') return this.group();
    this.pos++;
    switch (c) {
      case '.': {
        const { s } = this.flags;
        return { k: 'char', test: s ? () => true : (x) => x !== 10 };
      }
      case '^':
        return { k: 'assert', what: this.flags.m ? 'bol' : 'bot' };
      case '$':
        return { k: 'assert', what: this.flags.m ? 'eol' : 'eot' };
      case '[':
        return this.charClass();
      case '\\':
        return this.escape();
      default:
        return this.literal(cp(c));
    }
  }

  private literal(code: number): Node {
    const test: Test = (x) => x === code;
    return { k: 'char', test: this.flags.i ? folded(test) : test };
  }

  private group(): Node | null {
    this.pos++; // (
    const saved = this.flags;
    if (this.eat('?')) {
      if (this.eat(':')) return this.groupBody(saved);
      if (
        this.peek() === '=' ||
        this.peek() === '!' ||
        (this.peek() === '<' && (this.peek(1) === '=' || this.peek(1) === '!'))
      )
        throw new RegexSyntaxError('lookahead and lookbehind cannot be used (they need backtracking)');
      if (this.eat('P<') || this.eat('<')) {
        while (this.peek() !== undefined && this.peek() !== '>') {
          if (!/\w/.test(this.peek()!)) throw new RegexSyntaxError('invalid named capture');
          this.pos++;
        }
        if (!this.eat('>')) throw new RegexSyntaxError('invalid named capture');
        return this.groupBody(saved);
      }
      // Flags: (?i) for the rest of the group, (?i:…) for the group only.
      let on = true;
      const flags = { ...this.flags };
      for (;;) {
        const f = this.peek();
        this.pos++;
        if (f === '-' && on) on = false;
        else if (f === 'i' || f === 's' || f === 'm') flags[f] = on;
        else if (f === ')') {
          this.flags = flags;
          return null;
        } else if (f === ':') {
          this.flags = flags;
          return this.groupBody(saved);
        } else throw new RegexSyntaxError(`invalid or unsupported group flag '${f ?? ''}'`);
      }
    }
    return this.groupBody(saved);
  }

  private groupBody(saved: Flags): Node {
    const inner = this.alternation();
    if (!this.eat(')')) throw new RegexSyntaxError('missing closing )');
    this.flags = saved;
    return inner;
  }

  private escapeCode(): number {
    const c = this.peek();
    if (c === undefined) throw new RegexSyntaxError('trailing backslash at end of expression');
    this.pos++;
    const hex = (n: number) => {
      const digits = this.chars.slice(this.pos, this.pos + n).join('');
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) throw new RegexSyntaxError(`invalid escape sequence \\${c}`);
      this.pos += n;
      return parseInt(digits, 16);
    };
    switch (c) {
      case 't':
        return 9;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 'f':
        return 12;
      case 'v':
        return 11;
      case 'a':
        return 7;
      case 'e':
        return 27;
      case 'x': {
        if (this.eat('{')) {
          const end = this.chars.indexOf('}', this.pos);
          const digits = end < 0 ? '' : this.chars.slice(this.pos, end).join('');
          if (!/^[0-9a-fA-F]{1,6}$/.test(digits) || parseInt(digits, 16) > 0x10ffff)
            throw new RegexSyntaxError('invalid escape sequence \\x{');
          this.pos = end + 1;
          return parseInt(digits, 16);
        }
        return hex(2);
      }
      case 'u':
        return hex(4);
      case '0': {
        // Java's octal \0n, \0nn, \0mnn.
        let digits = '';
        while (digits.length < 3 && /[0-7]/.test(this.peek() ?? '')) digits += this.chars[this.pos++];
        return parseInt(digits || '0', 8);
      }
      default:
        if (/[1-9]/.test(c)) throw new RegexSyntaxError('backreferences cannot be used (they need backtracking)');
        if (/[A-Za-z]/.test(c)) throw new RegexSyntaxError(`invalid escape sequence \\${c}`);
        return cp(c);
    }
  }

  /** `\d \w \s \p{…}` and their negations, or null when the escape is one character. */
  private classEscape(): Test | null {
    const c = this.peek();
    const negated =
      (t: Test): Test =>
      (x) =>
        !t(x);
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S': {
        this.pos++;
        const base = c.toLowerCase() === 'd' ? isDigitCp : c.toLowerCase() === 'w' ? isWordCp : isSpaceCp;
        return c === c.toLowerCase() ? base : negated(base);
      }
      case 'p':
      case 'P': {
        this.pos++;
        let name: string;
        if (this.eat('{')) {
          const end = this.chars.indexOf('}', this.pos);
          if (end < 0) throw new RegexSyntaxError('invalid character class range');
          name = this.chars.slice(this.pos, end).join('');
          this.pos = end + 1;
        } else {
          name = this.peek() ?? '';
          this.pos++;
        }
        let negate = c === 'P';
        if (name.startsWith('^')) {
          negate = !negate;
          name = name.slice(1);
        }
        const test = unicodeProperty(name);
        return negate ? negated(test) : test;
      }
      default:
        return null;
    }
  }

  private escape(): Node | null {
    const c = this.peek();
    const assertions: Record<string, Assertion> = { b: 'word', B: 'nonword', A: 'bot', z: 'eot' };
    if (c !== undefined && assertions[c]) {
      this.pos++;
      return { k: 'assert', what: assertions[c] };
    }
    if (c === 'Q') {
      // \Q…\E: everything in between is literal.
      this.pos++;
      const items: Node[] = [];
      while (this.pos < this.chars.length && !this.eat('\\E')) items.push(this.literal(cp(this.chars[this.pos++]!)));
      return items.length === 1 ? items[0]! : { k: 'cat', items };
    }
    if (c === 'Z' || c === 'G' || c === 'k') throw new RegexSyntaxError(`invalid escape sequence \\${c}`);
    const klass = this.classEscape();
    if (klass) return { k: 'char', test: this.flags.i ? folded(klass) : klass };
    return this.literal(this.escapeCode());
  }

  private charClass(): Node {
    const tests: Test[] = [];
    const ranges: number[] = [];
    const negate = this.eat('^');
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new RegexSyntaxError('missing closing ]');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '[' && this.peek(1) === ':') {
        const end = this.chars.indexOf(']', this.pos);
        const m = /^\[:(\^?)([a-z]+):\]$/.exec(this.chars.slice(this.pos, end + 1).join(''));
        if (m && POSIX[m[2]!]) {
          const t = POSIX[m[2]!]!;
          tests.push(m[1] ? (x) => !t(x) : t);
          this.pos = end + 1;
          continue;
        }
      }
      let low: number;
      if (c === '\\') {
        this.pos++;
        const klass = this.classEscape();
        if (klass) {
          tests.push(klass);
          continue;
        }
        if (this.peek() === 'b') {
          this.pos++;
          low = 8;
        } else low = this.escapeCode();
      } else {
        this.pos++;
        low = cp(c);
      }
      let high = low;
      if (this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']') {
        this.pos++;
        const d = this.peek()!;
        if (d === '\\') {
          this.pos++;
          high = this.escapeCode();
        } else {
          this.pos++;
          high = cp(d);
        }
        if (high < low) throw new RegexSyntaxError('invalid character class range');
      }
      ranges.push(low, high);
    }
    const inRanges: Test = (x) => {
      for (let i = 0; i < ranges.length; i += 2) if (x >= ranges[i]! && x <= ranges[i + 1]!) return true;
      return tests.some((t) => t(x));
    };
    const test = this.flags.i ? folded(inRanges) : inRanges;
    return { k: 'char', test: negate ? (x) => !test(x) : test };
  }
}

// ---- program

type Inst =
  | { op: 'char'; test: Test }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'assert'; what: Assertion }
  | { op: 'match' };

class Compiler {
  readonly prog: Inst[] = [];

  private emit(inst: Inst): number {
    if (this.prog.length >= MAX_PROGRAM) throw new RegexSyntaxError('expression too large');
    this.prog.push(inst);
    return this.prog.length - 1;
  }

  compile(node: Node): void {
    switch (node.k) {
      case 'char':
        this.emit({ op: 'char', test: node.test });
        return;
      case 'assert':
        this.emit({ op: 'assert', what: node.what });
        return;
      case 'cat':
        for (const item of node.items) this.compile(item);
        return;
      case 'alt': {
        // split L1, next; L1: a; jmp end; next: split L2, … ; last
        const jumps: number[] = [];
        node.items.forEach((item, i) => {
          if (i < node.items.length - 1) {
            const split = this.emit({ op: 'split', x: 0, y: 0 });
            (this.prog[split] as { x: number }).x = this.prog.length;
            this.compile(item);
            jumps.push(this.emit({ op: 'jmp', x: 0 }));
            (this.prog[split] as { y: number }).y = this.prog.length;
          } else this.compile(item);
        });
        for (const j of jumps) (this.prog[j] as { x: number }).x = this.prog.length;
        return;
      }
      case 'rep': {
        for (let i = 0; i < node.min; i++) this.compile(node.node);
        if (node.max === -1) {
          // L: split body, end; body; jmp L
          const split = this.emit({ op: 'split', x: 0, y: 0 });
          (this.prog[split] as { x: number }).x = this.prog.length;
          this.compile(node.node);
          this.emit({ op: 'jmp', x: split });
          (this.prog[split] as { y: number }).y = this.prog.length;
        } else {
          // Optional copies: split body, end; body; split body, end; body; …
          const splits: number[] = [];
          for (let i = node.min; i < node.max; i++) {
            const split = this.emit({ op: 'split', x: 0, y: 0 });
            (this.prog[split] as { x: number }).x = this.prog.length;
            splits.push(split);
            this.compile(node.node);
          }
          for (const s of splits) (this.prog[s] as { y: number }).y = this.prog.length;
        }
        return;
      }
    }
  }
}

// ---- running

class Program implements Regex {
  private readonly seen: Int32Array;
  private generation = 0;

  constructor(private readonly prog: readonly Inst[]) {
    this.seen = new Int32Array(prog.length).fill(-1);
  }

  /** Adds to `into` every `char`/`match` state reached from `pc` without reading, at this position. */
  private closure(start: number, into: number[], prev: number, next: number): void {
    const stack = [start];
    const gen = this.generation;
    while (stack.length > 0) {
      const pc = stack.pop()!;
      if (this.seen[pc] === gen) continue;
      this.seen[pc] = gen;
      const inst = this.prog[pc]!;
      switch (inst.op) {
        case 'jmp':
          stack.push(inst.x);
          break;
        case 'split':
          stack.push(inst.y, inst.x);
          break;
        case 'assert':
          if (holds(inst.what, prev, next)) stack.push(pc + 1);
          break;
        default:
          into.push(pc);
      }
    }
  }

  matches(value: string): boolean {
    const input = [...value].map(cp);
    if (this.generation > 1 << 30) {
      this.seen.fill(-1);
      this.generation = 0;
    }
    let current: number[] = [];
    this.generation++;
    this.closure(0, current, -1, input.length > 0 ? input[0]! : -1);
    for (let i = 0; i < input.length && current.length > 0; i++) {
      const c = input[i]!;
      const next: number[] = [];
      this.generation++;
      const after = i + 1 < input.length ? input[i + 1]! : -1;
      for (const pc of current) {
        const inst = this.prog[pc]!;
        if (inst.op === 'char' && inst.test(c)) this.closure(pc + 1, next, c, after);
      }
      current = next;
    }
    return current.some((pc) => this.prog[pc]!.op === 'match');
  }
}

/** Whether an assertion holds between the characters `prev` and `next` (-1: the start or the end of the value). */
function holds(what: Assertion, prev: number, next: number): boolean {
  switch (what) {
    case 'bot':
      return prev === -1;
    case 'eot':
      return next === -1;
    case 'bol':
      return prev === -1 || prev === 10;
    case 'eol':
      return next === -1 || next === 10;
    case 'word':
    case 'nonword': {
      const boundary = (prev !== -1 && isWordCp(prev)) !== (next !== -1 && isWordCp(next));
      return what === 'word' ? boundary : !boundary;
    }
  }
}

export function compileRegex(pattern: string): CompiledRegex {
  try {
    const node = new Parser(pattern).parse();
    const compiler = new Compiler();
    compiler.compile(node);
    compiler.prog.push({ op: 'match' });
    return { ok: true, re: new Program(compiler.prog) };
  } catch (error) {
    if (error instanceof RegexSyntaxError) return { ok: false, why: error.message };
    throw error;
  }
}

export function cachedRegex(cache: RegexCache, pattern: string): CompiledRegex {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = compileRegex(pattern);
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** Whether `value` as a whole matches. */
export function regexMatches(compiled: Extract<CompiledRegex, { ok: true }>, value: string): boolean {
  return compiled.re.matches(value);
}

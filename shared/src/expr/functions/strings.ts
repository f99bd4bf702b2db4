import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Expr } from '../ast.js';
import type { Interpreter } from '../evaluate.js';
import { isNodeSet, toText, type Value } from '../values.js';
import { fromBase64, toBase64 } from './base64.js';
import type { FunctionTable } from './types.js';

/** The string value of the node in focus (a predicate's node) or of the question itself. */
export function contextText(ev: Interpreter): string {
  return ev.focus ? toText(ev.focus.node.value()) : toText(ev.ctx.ownValue());
}

/** Every value of an argument: all of a node-set's values (concat and join take them all). */
function allTexts(ev: Interpreter, arg: Expr): string[] {
  const v: Value = ev.value(arg);
  return isNodeSet(v) ? v.values.map(toText) : [toText(v)];
}

const chars = (s: string) => [...s];

/** XPath 1.0 substring(): 1-based, rounded positions. */
function xpathSubstring(s: string, start: number, length?: number): string {
  const cs = chars(s);
  const first = Math.round(start);
  const last = length === undefined ? Infinity : first + Math.round(length);
  if (Number.isNaN(first) || Number.isNaN(last)) return '';
  return cs.filter((_, i) => i + 1 >= first && i + 1 < last).join('');
}

/** ODK substr(): 0-based start, exclusive end; negative values count from the end. */
function odkSubstr(s: string, start: number, end?: number): string {
  const cs = chars(s);
  const n = cs.length;
  const clamp = (i: number) => {
    const t = Math.trunc(i);
    return t < 0 ? Math.max(0, n + t) : Math.min(n, t);
  };
  const from = Number.isNaN(start) ? 0 : clamp(start);
  const to = end === undefined || Number.isNaN(end) ? n : clamp(end);
  return from >= to ? '' : cs.slice(from, to).join('');
}

const DIGESTS: Readonly<Record<string, (data: Uint8Array) => Uint8Array>> = {
  MD5: md5,
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};

const RANDOM_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export const STRING_FUNCTIONS: FunctionTable = {
  string: (ev, { args }) => (args.length === 0 ? contextText(ev) : ev.text(args[0]!)),
  concat: (ev, { args }) => args.map((a) => allTexts(ev, a).join('')).join(''),
  join: (ev, { args }) => {
    const separator = ev.text(args[0]!);
    return args
      .slice(1)
      .flatMap((a) => allTexts(ev, a))
      .join(separator);
  },
  substr: (ev, { args }) => odkSubstr(ev.text(args[0]!), ev.number(args[1]!), args[2] ? ev.number(args[2]) : undefined),
  substring: (ev, { args }) =>
    xpathSubstring(ev.text(args[0]!), ev.number(args[1]!), args[2] ? ev.number(args[2]) : undefined),
  'substring-before': (ev, { args }) => {
    const s = ev.text(args[0]!);
    const i = s.indexOf(ev.text(args[1]!));
    return i < 0 ? '' : s.slice(0, i);
  },
  'substring-after': (ev, { args }) => {
    const s = ev.text(args[0]!);
    const needle = ev.text(args[1]!);
    const i = s.indexOf(needle);
    return i < 0 ? '' : s.slice(i + needle.length);
  },
  translate: (ev, { args }) => {
    const from = chars(ev.text(args[1]!));
    const to = chars(ev.text(args[2]!));
    return chars(ev.text(args[0]!))
      .map((c) => {
        const i = from.indexOf(c);
        return i < 0 ? c : (to[i] ?? '');
      })
      .join('');
  },
  'string-length': (ev, { args }) => chars(args.length === 0 ? contextText(ev) : ev.text(args[0]!)).length,
  'normalize-space': (ev, { args }) =>
    (args.length === 0 ? contextText(ev) : ev.text(args[0]!)).replace(/[ \t\r\n]+/g, ' ').trim(),
  contains: (ev, { args }) => ev.text(args[0]!).includes(ev.text(args[1]!)),
  'starts-with': (ev, { args }) => ev.text(args[0]!).startsWith(ev.text(args[1]!)),
  'ends-with': (ev, { args }) => ev.text(args[0]!).endsWith(ev.text(args[1]!)),
  uuid: (ev, { args }) => {
    if (args.length === 0) return ev.ctx.uuid();
    const length = Math.max(0, Math.trunc(ev.number(args[0]!)) || 0);
    let out = '';
    for (let i = 0; i < length; i++) out += RANDOM_CHARS[Math.floor(ev.ctx.random() * RANDOM_CHARS.length)];
    return out;
  },
  digest: (ev, call) => {
    const [data, algorithm, encoding] = call.args;
    const hash = DIGESTS[ev.text(algorithm!)];
    const enc = encoding ? ev.text(encoding) : 'base64';
    if (!hash || (enc !== 'base64' && enc !== 'hex')) {
      ev.problem('invalid-argument', call, `${ev.text(algorithm!)} ${enc}`);
      return '';
    }
    const bytes = hash(utf8ToBytes(ev.text(data!)));
    return enc === 'hex' ? bytesToHex(bytes) : toBase64(bytes);
  },
  'base64-decode': (ev, { args }) => fromBase64(ev.text(args[0]!)),
  pulldata: (ev, call) => {
    const [instanceId, desired, queryElement, query] = call.args.map((a) => ev.text(a));
    const root = ev.ctx.instance(instanceId!);
    if (!root) {
      ev.problem('missing-instance', call, instanceId);
      return '';
    }
    const wanted = query!;
    for (const top of root.children({ kind: 'any' })) {
      for (const item of top.children({ kind: 'name', name: 'item' })) {
        const key = item.children({ kind: 'name', name: queryElement! })[0];
        if (key && toText(key.value()) === wanted) {
          const value = item.children({ kind: 'name', name: desired! })[0];
          return value ? toText(value.value()) : '';
        }
      }
    }
    return '';
  },
};

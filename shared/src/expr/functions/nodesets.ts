import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { isNodeSet, nodeSetOfNodes, toText, type Value, type XNode } from '../values.js';
import type { FunctionTable } from './types.js';

const MAX_INT_32 = 2_147_483_647;

/**
 * randomize()'s shuffle: the "inside-out" Fisher–Yates of the ODK specification with a seeded
 * Park–Miller generator, converting the seed as JavaRosa does (so a seeded order is the same as in
 * ODK Collect): a number is truncated (NaN → 0, ±Infinity → ±2⁶³), a text that is not a number is
 * hashed (the first 64 bits of its SHA-256), an empty text is 0.
 */
function seededShuffle<T>(items: readonly T[], seed: bigint | null, random: () => number): T[] {
  let state = 0;
  if (seed !== null) {
    state = Number(seed % BigInt(MAX_INT_32));
    if (state <= 0) state += MAX_INT_32 - 1;
  }
  const next = (): number => {
    if (seed === null) return random();
    state = (state * 16_807) % MAX_INT_32;
    return (state - 1) / (MAX_INT_32 - 1);
  };
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const j = Math.floor(next() * (i + 1));
    if (j !== i) out[i] = out[j]!;
    out[j] = items[i]!;
  }
  return out;
}

export function randomSeed(value: Value): bigint {
  const n = typeof value === 'number' ? value : Number(toText(value).trim() === '' ? NaN : toText(value));
  if (!Number.isNaN(n)) {
    if (n === Infinity) return 2n ** 63n - 1n;
    if (n === -Infinity) return -(2n ** 63n);
    return BigInt(Math.trunc(n));
  }
  const text = toText(value);
  if (text === '') return 0n;
  const bytes = sha256(utf8ToBytes(text));
  let hash = 0n;
  for (let i = 0; i < 8; i++) hash = (hash << 8n) | BigInt(bytes[i]!);
  return BigInt.asIntN(64, hash);
}

/** `name()` of the first node of an argument, or of the node in focus. */
function nameOf(nodes: readonly XNode[]): string {
  return nodes[0]?.name ?? '';
}

export const NODESET_FUNCTIONS: FunctionTable = {
  count: (ev, { args }) => {
    const v = ev.value(args[0]!);
    return isNodeSet(v) ? v.values.length : 1;
  },
  'count-non-empty': (ev, { args }) => {
    const v = ev.value(args[0]!);
    return (isNodeSet(v) ? v.values : [v]).filter((x) => toText(x) !== '').length;
  },
  position: (ev, { args }) => {
    if (args.length === 0) return ev.focus ? ev.focus.position : ev.ctx.positionOf(null);
    const arg = args[0]!;
    if (ev.setup.bound.has(arg)) return ev.ctx.positionOf(arg);
    const node = ev.nodes(arg)[0];
    return node ? node.position() : NaN;
  },
  last: (ev) => (ev.focus ? ev.focus.size : 1),
  name: (ev, { args }) => (args.length === 0 ? (ev.focus?.node.name ?? '') : nameOf(ev.nodes(args[0]!))),
  'local-name': (ev, { args }) => {
    const name = args.length === 0 ? (ev.focus?.node.name ?? '') : nameOf(ev.nodes(args[0]!));
    return name.slice(name.indexOf(':') + 1);
  },
  instance: (ev, call) => {
    const id = ev.text(call.args[0]!);
    const root = ev.ctx.instance(id);
    if (!root) {
      ev.problem('missing-instance', call, id);
      return nodeSetOfNodes([]);
    }
    return nodeSetOfNodes([root]);
  },
  current: (ev) => {
    const node = ev.ctx.contextNode();
    return nodeSetOfNodes(node ? [node] : []);
  },
  randomize: (ev, { args }) => {
    const v = ev.value(args[0]!);
    const nodes = isNodeSet(v) ? (v.nodes ?? []) : [];
    const seed = args[1] ? randomSeed(ev.value(args[1])) : null;
    return nodeSetOfNodes(seededShuffle(nodes, seed, () => ev.ctx.random()));
  },
};

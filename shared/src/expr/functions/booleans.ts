import { cachedRegex, regexMatches } from '../regex.js';
import { isNodeSet, single, toNumber, toText, type Value } from '../values.js';
import type { FunctionTable } from './types.js';

/** checklist/weighted-checklist: whether the count of true values lies within [min, max] (-1: no bound). */
function withinBounds(total: number, min: number, max: number): boolean {
  return (min < 0 || total >= min) && (max < 0 || total <= max);
}

/** A checklist value counts when it is true or converts to a number above 0. */
const counts = (v: Value): boolean => v === true || toNumber(v) > 0;

/** Each value of the arguments, node-sets expanded. */
function flat(values: readonly Value[]): Value[] {
  return values.flatMap((v) => (isNodeSet(v) ? v.values : [v]));
}

export const BOOLEAN_FUNCTIONS: FunctionTable = {
  if: (ev, { args }) => (ev.bool(args[0]!) ? ev.value(args[1]!) : ev.value(args[2]!)),
  coalesce: (ev, { args }) => {
    for (const arg of args) {
      const v = ev.value(arg);
      if (toText(v) !== '') return single(v);
    }
    return '';
  },
  once: (ev, { args }) => {
    const own = ev.ctx.ownValue();
    return toText(own) !== '' ? own : ev.value(args[0]!);
  },
  true: () => true,
  false: () => false,
  boolean: (ev, { args }) => ev.bool(args[0]!),
  'boolean-from-string': (ev, { args }) => {
    const text = ev.text(args[0]!).trim().toLowerCase();
    return text === 'true' || text === '1';
  },
  not: (ev, { args }) => !ev.bool(args[0]!),
  regex: (ev, call) => {
    const value = ev.text(call.args[0]!);
    const pattern = ev.text(call.args[1]!);
    const compiled = cachedRegex(ev.setup.regexes, pattern);
    if (!compiled.ok) {
      ev.problem('invalid-regex', call.args[1]!, pattern);
      return false;
    }
    return regexMatches(compiled, value);
  },
  checklist: (ev, { args }) => {
    const [min, max, ...rest] = args;
    const count = flat(rest.map((a) => ev.value(a))).filter(counts).length;
    return withinBounds(count, ev.number(min!), ev.number(max!));
  },
  'weighted-checklist': (ev, call) => {
    const [min, max, ...rest] = call.args;
    if (rest.length % 2 !== 0) {
      ev.problem('invalid-argument', call, 'weighted-checklist() takes pairs of value and weight');
      return false;
    }
    let total = 0;
    for (let i = 0; i < rest.length; i += 2) {
      const values = flat([ev.value(rest[i]!)]);
      const weights = flat([ev.value(rest[i + 1]!)]);
      values.forEach((v, j) => {
        if (counts(v)) total += toNumber(weights[j] ?? weights[0] ?? 0);
      });
    }
    return withinBounds(total, ev.number(min!), ev.number(max!));
  },
};

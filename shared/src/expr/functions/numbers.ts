import { isNodeSet, toNumber, toText, type Value } from '../values.js';
import { contextText } from './strings.js';
import type { FunctionTable } from './types.js';

/** XPath round (halves toward +∞, `round(-1.5) = -1`), with ODK's optional number of digits. */
export function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  if (digits === 0 || Number.isNaN(digits)) return Math.round(x);
  // Shift through the decimal representation so that round(1.005, 2) is 1.01, not 1.
  const shifted = Math.round(Number(`${x}e${digits}`));
  const back = Number(`${shifted}e${-digits}`);
  return Number.isNaN(back) ? Math.round(x * 10 ** digits) / 10 ** digits : back;
}

/** Every value of the arguments, as numbers (node-sets expanded); NaN when one is not a number. */
function numbersOf(values: readonly Value[]): number[] {
  return values.flatMap((v) => (isNodeSet(v) ? v.values.map(toNumber) : [toNumber(v)]));
}

const unary =
  (f: (x: number) => number): FunctionTable[string] =>
  (ev, { args }) =>
    f(ev.number(args[0]!));

export const NUMBER_FUNCTIONS: FunctionTable = {
  number: (ev, { args }) => (args.length === 0 ? toNumber(contextText(ev)) : ev.number(args[0]!)),
  random: (ev) => ev.ctx.random(),
  int: unary(Math.trunc),
  /**
   * Sum of a node-set's values. Unlike ODK (where one empty value makes the sum NaN), unanswered
   * values are skipped, so a total over a roster stays usable while it is being filled.
   */
  sum: (ev, { args }) => {
    const v = ev.value(args[0]!);
    let total = 0;
    for (const item of isNodeSet(v) ? v.values : [v]) {
      if (toText(item) === '') continue;
      total += toNumber(item);
    }
    return total;
  },
  max: (ev, { args }) => {
    const ns = numbersOf(args.map((a) => ev.value(a)));
    return ns.length === 0 || ns.some(Number.isNaN) ? NaN : Math.max(...ns);
  },
  min: (ev, { args }) => {
    const ns = numbersOf(args.map((a) => ev.value(a)));
    return ns.length === 0 || ns.some(Number.isNaN) ? NaN : Math.min(...ns);
  },
  round: (ev, { args }) => roundTo(ev.number(args[0]!), args.length > 1 ? Math.trunc(ev.number(args[1]!)) : 0),
  floor: unary(Math.floor),
  ceiling: unary(Math.ceil),
  pow: (ev, { args }) => ev.number(args[0]!) ** ev.number(args[1]!),
  log: unary(Math.log),
  log10: unary(Math.log10),
  abs: unary(Math.abs),
  sin: unary(Math.sin),
  cos: unary(Math.cos),
  tan: unary(Math.tan),
  asin: unary(Math.asin),
  acos: unary(Math.acos),
  atan: unary(Math.atan),
  atan2: (ev, { args }) => Math.atan2(ev.number(args[0]!), ev.number(args[1]!)),
  sqrt: unary(Math.sqrt),
  exp: unary(Math.exp),
  exp10: unary((x) => 10 ** x),
  pi: () => Math.PI,
};

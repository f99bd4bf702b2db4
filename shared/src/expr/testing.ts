import { isParent, isSelf, walk, type Expr } from './ast.js';
import { checkExpression } from './check.js';
import { evaluate, type Clock, type EvalContext, type RuntimeProblem } from './evaluate.js';
import { parseExpression } from './parse.js';
import { describeProblem } from './problem.js';
import type { RegexCache } from './regex.js';
import { parseDate, type Value, type XNode } from './values.js';

/**
 * Evaluating expressions without a form, for the unit tests of the expression language: `${name}`
 * reads `refs`, `.` reads `current`, bare names inside a predicate read the columns of `item`.
 */
export interface TestEnv {
  readonly refs?: Readonly<Record<string, Value>>;
  readonly current?: Value;
  readonly position?: number;
  /** A choice-list item the expression is a predicate over (a choice filter). */
  readonly item?: Readonly<Record<string, string>>;
  readonly instances?: Readonly<Record<string, XNode>>;
  readonly today?: string;
  readonly now?: Clock;
  readonly language?: string;
  readonly random?: () => number;
}

/** An element with text children (a choice list item, a row of a CSV file). */
export function element(name: string, fields: Readonly<Record<string, string>> = {}, kids: XNode[] = []): XNode {
  const self: XNode = {
    name,
    value: () => fields['#text'] ?? [...Object.values(fields), ...kids.map((k) => String(k.value()))].join(''),
    children: (test) => {
      const all = [
        ...Object.entries(fields)
          .filter(([k]) => k !== '#text')
          .map(([k, v]) => element(k, { '#text': v })),
        ...kids,
      ];
      return test.kind === 'name' ? all.filter((n) => n.name === test.name) : test.kind === 'text' ? [] : all;
    },
    parent: () => null,
    attribute: () => undefined,
    position: () => 1,
  };
  return self;
}

/** An instance document: `<root>` holding one `<item>` per row. */
export function itemsInstance(rows: readonly Readonly<Record<string, string>>[]): XNode {
  return element('#document', {}, [
    element(
      'root',
      {},
      rows.map((r) => element('item', r)),
    ),
  ]);
}

export function evaluateSource(source: string, env: TestEnv = {}): { value: Value; problems: RuntimeProblem[] } {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(describeProblem(parsed.problem));
  const checked = checkExpression(parsed.expr);
  if (checked.length > 0) throw new Error(describeProblem(checked[0]!));
  const bound = new Set<Expr>();
  walk(parsed.expr, (node) => {
    if (node.kind === 'ref' || ((isSelf(node) || isParent(node)) && !env.item)) bound.add(node);
  });
  const problems: RuntimeProblem[] = [];
  const ctx: EvalContext = {
    read: (node) => (node.kind === 'ref' ? (env.refs?.[node.name] ?? '') : (env.current ?? '')),
    positionOf: () => env.position ?? 1,
    contextNode: () => null,
    root: () => null,
    instance: (id) => env.instances?.[id] ?? null,
    today: () => parseDate(env.today ?? '2026-11-24')!,
    now: () => env.now ?? { instant: Date.UTC(2026, 10, 24, 8, 30), offset: 120 },
    language: () => env.language ?? 'en',
    choiceLabel: () => '',
    indexedRepeat: () => '',
    ownValue: () => env.current ?? '',
    random: env.random ?? Math.random,
    uuid: () => '00000000-0000-4000-8000-000000000000',
    version: () => '1',
    property: () => '',
    problem: (p) => problems.push(p),
  };
  const regexes: RegexCache = new Map();
  const focus = env.item ? { node: element('item', env.item), position: 1, size: 1 } : null;
  return { value: evaluate(parsed.expr, ctx, { bound, regexes }, focus), problems };
}

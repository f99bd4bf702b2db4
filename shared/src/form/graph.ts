import type { NodeDraft } from './build-tree.js';
import type { BoundExpression, BoundRef, CompiledNode, DependentEdge } from './model.js';
import type { FormProblem } from './problems.js';

/**
 * The dependency graph at the level of node names. An edge N → M means "when a cell of N
 * changes (value, relevance, or instances for a repeat), re-evaluate the related cells of M".
 * `value` edges (relevance, calculation, choice filter, repeat count, and parent → child for
 * inherited relevance) can change answers, so they must be acyclic and give the evaluation
 * order; `display` edges (required, read-only, constraint, texts) only refresh checks.
 */

function refsOf(bound: BoundExpression | boolean | undefined): Iterable<BoundRef> {
  return typeof bound === 'object' ? bound.deps : [];
}

function edge(from: CompiledNode, to: CompiledNode, kind: DependentEdge['kind']): DependentEdge {
  let c = 0;
  while (c < from.repeatPath.length && c < to.repeatPath.length && from.repeatPath[c] === to.repeatPath[c]) c++;
  return { node: to, kind, up: from.repeatPath.length - c, down: to.repeatPath.slice(c) };
}

/** Fills `dependents` and `rank` of every node; reports cycles among value dependencies. */
export function buildGraph(nodes: readonly NodeDraft[], problems: FormProblem[]): number {
  const edges = new Map<string, DependentEdge>();
  const add = (from: CompiledNode, to: CompiledNode, kind: DependentEdge['kind']) => {
    // Only display edges may loop on themselves (a constraint reading its own answer).
    if (from === to && kind === 'display') return;
    const key = `${from.id}>${to.id}`;
    const existing = edges.get(key);
    if (existing && (existing.kind === 'value' || kind === 'display')) return;
    edges.set(key, edge(from, to, kind));
  };

  for (const m of nodes) {
    if (m.parent) add(m.parent, m, 'value');
    for (const bound of [m.relevant, m.calculation, m.choiceFilter, m.repeatCount]) {
      for (const ref of refsOf(bound)) add(ref.target, m, 'value');
    }
    if (m.choicesFrom) add(m.choicesFrom.target, m, 'value');
    if (m.trigger) add(m.trigger.target, m, 'value');
    for (const bound of [m.required, m.readOnly, m.constraint]) {
      for (const ref of refsOf(bound)) add(ref.target, m, 'display');
    }
    for (const text of [m.label, m.hint, m.constraintMessage, m.requiredMessage, ...(m.choiceTexts?.values() ?? [])]) {
      for (const ref of text?.refs ?? []) add(ref.target, m, 'display');
    }
  }

  const incoming = new Map<number, number[]>();
  for (const [key, e] of edges) {
    const from = Number(key.slice(0, key.indexOf('>')));
    nodes[from]!.dependents.push(e);
    if (e.kind === 'value') {
      const list = incoming.get(e.node.id) ?? [];
      list.push(from);
      incoming.set(e.node.id, list);
    }
  }

  // Longest-path ranks by repeated relaxation in Kahn order.
  const pending = new Map<number, number>();
  for (const n of nodes) pending.set(n.id, incoming.get(n.id)?.length ?? 0);
  const ready = nodes.filter((n) => pending.get(n.id) === 0).map((n) => n.id);
  let done = 0;
  while (ready.length > 0) {
    const id = ready.shift()!;
    done++;
    const node = nodes[id]!;
    for (const e of node.dependents) {
      if (e.kind !== 'value') continue;
      const target = nodes[e.node.id]!;
      target.rank = Math.max(target.rank, node.rank + 1);
      const left = pending.get(target.id)! - 1;
      pending.set(target.id, left);
      if (left === 0) ready.push(target.id);
    }
  }
  if (done < nodes.length) reportCycles(nodes, pending, problems);
  return Math.max(0, ...nodes.map((n) => n.rank)) + 1;
}

function reportCycles(nodes: readonly NodeDraft[], pending: Map<number, number>, problems: FormProblem[]): void {
  const stuck = new Set(nodes.filter((n) => pending.get(n.id)! > 0).map((n) => n.id));
  const reported = new Set<number>();
  for (const start of stuck) {
    if (reported.has(start)) continue;
    // Walk value edges inside the stuck set until a node repeats: that loop is a cycle.
    const path: number[] = [];
    const seenAt = new Map<number, number>();
    let current: number | undefined = start;
    while (current !== undefined && !seenAt.has(current)) {
      seenAt.set(current, path.length);
      path.push(current);
      const next: DependentEdge | undefined = nodes[current]!.dependents.find(
        (e) => e.kind === 'value' && stuck.has(e.node.id),
      );
      current = next?.node.id;
    }
    if (current === undefined) continue;
    const cycle = path.slice(seenAt.get(current));
    if (cycle.some((id) => reported.has(id))) continue;
    for (const id of cycle) reported.add(id);
    const names = [...cycle, cycle[0]!].map((id) => nodes[id]!.name);
    problems.push({ node: names[0]!, message: `circular dependency: ${names.join(' → ')}` });
  }
}

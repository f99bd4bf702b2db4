import type { Choice } from '@kusanya/schemas';
import type { RuntimeProblem } from '../expr/evaluate.js';
import type { CompiledNode } from './model.js';
import type { NodeState } from './node-state.js';
import type { Scope } from './scope.js';

/** A trigger not looked at yet (a calculation with a trigger does not run when the form opens). */
export const NOT_SEEN = '\u0000not-seen';

/** One node in one scope, as a session tracks it. */
export interface Cell {
  readonly node: CompiledNode;
  readonly scope: SessionScope;
  relevant: boolean;
  filtered: readonly Choice[] | null;
  valueProblem: RuntimeProblem | null;
  state: NodeState | null;
  queued: boolean;
  displayQueued: boolean;
  /** The trigger's answer when this calculation last looked at it. */
  triggerSeen: string;
}

/** A scope of a session: its answers, its cells, and the instances of the repeats it holds. */
export interface SessionScope extends Scope {
  readonly data: Record<string, unknown>;
  readonly parent: SessionScope | null;
  readonly cells: Map<number, Cell>;
  /** Instances of each repeat held here, by repeat node id, in order. */
  readonly kids: Map<number, SessionScope[]>;
  dead: boolean;
}

export function createScope(
  data: Record<string, unknown>,
  parent: SessionScope | null,
  repeat: CompiledNode | null,
  index: number,
  members: readonly CompiledNode[],
): SessionScope {
  const scope: SessionScope = { data, parent, repeat, index, cells: new Map(), kids: new Map(), dead: false };
  for (const node of members) {
    scope.cells.set(node.id, {
      node,
      scope,
      relevant: true,
      filtered: null,
      valueProblem: null,
      state: null,
      queued: false,
      displayQueued: false,
      triggerSeen: NOT_SEEN,
    });
  }
  return scope;
}

/** Marks a scope and everything below it as gone. */
export function killScope(scope: SessionScope): void {
  scope.dead = true;
  for (const list of scope.kids.values()) for (const kid of list) killScope(kid);
}

/** Calls `visit` for every scope reached by descending `down` (repeats) from `base`. */
export function forEachScopeDown(
  base: SessionScope,
  down: readonly CompiledNode[],
  visit: (scope: SessionScope) => void,
  depth = 0,
): void {
  if (depth === down.length) {
    visit(base);
    return;
  }
  for (const kid of base.kids.get(down[depth]!.id) ?? []) forEachScopeDown(kid, down, visit, depth + 1);
}

/** Every cell of a scope and of all scopes below it. */
export function forEachCell(scope: SessionScope, visit: (cell: Cell) => void): void {
  for (const cell of scope.cells.values()) visit(cell);
  for (const list of scope.kids.values()) for (const kid of list) forEachCell(kid, visit);
}

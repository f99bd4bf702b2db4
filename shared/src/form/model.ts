import type { Choice, FormDefinition, FormNode } from '@kusanya/schemas';
import type { CompiledExpression } from '../expr/compile.js';

/**
 * The compiled form: what `compileForm` builds once from a definition and every session and
 * validation reuses. Nothing in here changes after compilation.
 */

export type NodeType = FormNode['type'];

/** How an expression reaches `${name}` from the scope it is evaluated in. */
export interface BoundRef {
  readonly target: CompiledNode;
  /** Scopes to climb from the evaluating scope to the closest common ancestor. */
  readonly up: number;
  /** Repeats to expand below that ancestor (empty: a single value). A repeat target ends with itself. */
  readonly down: readonly CompiledNode[];
  readonly nodeSet: boolean;
}

export interface BoundExpression {
  readonly expression: CompiledExpression;
  readonly refs: ReadonlyMap<string, BoundRef>;
}

/** Literal text with `${name}` placeholders, per language. */
export type TextPart = string | BoundRef;

export interface CompiledText {
  readonly byLanguage: ReadonlyMap<string, readonly TextPart[]>;
  /** Placeholders in any language, for dependency tracking. */
  readonly refs: readonly BoundRef[];
}

/** An edge of the dependency graph: when this node's value (or relevance) changes, re-evaluate `node`. */
export interface DependentEdge {
  readonly node: CompiledNode;
  /** `value`: relevance, calculation, choice filter or repeat count; `display`: checks and texts only. */
  readonly kind: 'value' | 'display';
  /** Scopes to climb from the changed cell's scope to the closest common ancestor. */
  readonly up: number;
  /** Repeats to expand below that ancestor to find the dependent cells. */
  readonly down: readonly CompiledNode[];
}

export interface CompiledNode {
  /** Position in document order. */
  readonly id: number;
  readonly name: string;
  readonly type: NodeType;
  readonly source: FormNode;
  /** The enclosing group or repeat. */
  readonly parent: CompiledNode | null;
  /** Repeats whose instances hold this node's cell, outermost first (a repeat does not include itself). */
  readonly repeatPath: readonly CompiledNode[];
  /** The innermost of them: whose instances hold the cell (null: the top level). */
  readonly owner: CompiledNode | null;
  readonly children: readonly CompiledNode[];
  /** Questions and calculates hold an answer; groups, repeats and notes do not. */
  readonly holdsValue: boolean;
  readonly relevant?: BoundExpression;
  readonly required: boolean | BoundExpression;
  readonly readOnly: boolean | BoundExpression;
  readonly constraint?: BoundExpression;
  readonly calculation?: BoundExpression;
  readonly choiceFilter?: BoundExpression;
  readonly repeatCount?: BoundExpression;
  readonly dynamicDefault?: BoundExpression;
  readonly staticDefault?: unknown;
  /** Choices of a select, including the added `other` of an `or_other` select. */
  readonly choices?: readonly Choice[];
  readonly choiceByName?: ReadonlyMap<string, Choice>;
  readonly label?: CompiledText;
  readonly hint?: CompiledText;
  readonly constraintMessage?: CompiledText;
  readonly requiredMessage?: CompiledText;
  readonly minCount: number;
  readonly maxCount: number;
  /** Topological rank: every value dependency has a lower rank. */
  readonly rank: number;
  readonly dependents: readonly DependentEdge[];
}

export interface CompiledForm {
  readonly definition: FormDefinition;
  /** Every node in document order (`nodes[i].id === i`). */
  readonly nodes: readonly CompiledNode[];
  readonly byName: ReadonlyMap<string, CompiledNode>;
  readonly roots: readonly CompiledNode[];
  /** Evaluation order: by rank, then document order. */
  readonly order: readonly CompiledNode[];
  /** Nodes whose cells live in the instances of a repeat (`null`: the top level), document order. */
  readonly scopeMembers: ReadonlyMap<CompiledNode | null, readonly CompiledNode[]>;
  readonly languages: readonly string[];
  readonly defaultLanguage: string;
  readonly areaField?: CompiledNode;
  readonly instanceName?: BoundExpression;
  /** Highest rank + 1. */
  readonly rankCount: number;
}

/** The innermost repeat holding a node's cell (null: top level). */
export function scopeOwner(node: CompiledNode): CompiledNode | null {
  return node.owner;
}

import type { Choice, FormDefinition, FormNode } from '@kusanya/schemas';
import type { Call, Expr } from '../expr/ast.js';
import type { CompiledExpression } from '../expr/compile.js';
import type { XNode } from '../expr/values.js';
import type { InstanceSet } from './instances.js';

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

/** Metadata of the record an expression may read (`/data/meta/instanceID`, `${instanceID}`). */
export type RecordMeta = 'instanceID' | 'instanceName' | 'deprecatedID' | 'lastSaved';

/** `indexed-repeat(target, repeat1, index1, …)`, resolved: where each repeat is and the target below them. */
export interface IndexedRepeatBinding {
  /** How to reach the instances of each repeat, from the expression's scope (the first) and from the previous one. */
  readonly repeats: readonly BoundRef[];
  /** The target, from the innermost chosen instance. */
  readonly target: BoundRef;
}

export interface BoundExpression {
  readonly expression: CompiledExpression;
  /** The node the expression belongs to (null: the form's instance name). */
  readonly site: CompiledNode | null;
  /** Every reference resolved at compile time (`${name}`, a path through the form), by its syntax node. */
  readonly refs: ReadonlyMap<Expr, BoundRef>;
  /** Everything whose change must re-evaluate the expression (references, and what dynamic paths read). */
  readonly deps: readonly BoundRef[];
  /** The expression reads paths that cannot be resolved ahead: any change may change it. */
  readonly dependsOnAll: boolean;
  /** Record metadata read (`/data/meta/instanceID`). */
  readonly meta: ReadonlyMap<Expr, RecordMeta>;
  /** The select question named by the second argument of each `jr:choice-name()`. */
  readonly choiceQuestions: ReadonlyMap<Expr, CompiledNode>;
  readonly indexedRepeats: ReadonlyMap<Call, IndexedRepeatBinding>;
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
  /** The key of the answer in the data (unique among the answers of its scope). */
  readonly name: string;
  /** The name as written in the XLSForm (what `${...}` references use). */
  readonly sourceName: string;
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
  /**
   * Choices of a select, including the added `other` of an `or_other` select; for choices from a
   * file, those of the file (empty while the file is not on the device).
   */
  readonly choices?: readonly Choice[];
  /** The instance the choices come from (its items are what a choice filter sees). */
  readonly choiceInstance?: string;
  /** The instance items behind `choices`, in the same order (what a choice filter is evaluated on). */
  readonly choiceItems?: readonly XNode[];
  /** A registry data set the server cannot see (households.csv): any value of the right form is accepted. */
  readonly openChoices?: boolean;
  /** `select_one ${q}`: choices are the answers to `q` in the instances of its repeat. */
  readonly choicesFrom?: BoundRef;
  readonly choiceByName?: ReadonlyMap<string, Choice>;
  /** Choice labels that show answers (`\${name}` in a choice label, an \`<output>\` for pyxform), by choice name. */
  readonly choiceTexts?: ReadonlyMap<string, CompiledText>;
  readonly label?: CompiledText;
  readonly hint?: CompiledText;
  readonly constraintMessage?: CompiledText;
  readonly requiredMessage?: CompiledText;
  readonly minCount: number;
  readonly maxCount: number;
  /** Recalculate only when this question changes (the `trigger` column). */
  readonly trigger?: BoundRef;
  /** Computed values that evaluating again could change (now(), random(), once()): kept once set. */
  readonly volatile: boolean;
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
  /** Secondary instances: choice lists and form media, as documents expressions can read. */
  readonly instances: InstanceSet;
  /** Nodes whose value any change may affect (expressions with unresolvable paths). */
  readonly watchAll: readonly CompiledNode[];
  /** Highest rank + 1. */
  readonly rankCount: number;
}

/** The innermost repeat holding a node's cell (null: top level). */
export function scopeOwner(node: CompiledNode): CompiledNode | null {
  return node.owner;
}

import type { Choice } from '@kusanya/schemas';
import type { RuntimeProblem } from '../expr/evaluate.js';
import type { Answer } from './answers.js';
import { runtimeMessage, type ScopeEvaluator } from './evaluator.js';
import { messageText } from './messages.js';
import type { CompiledNode, NodeType } from './model.js';
import {
  choiceProblem,
  constraintProblem,
  flag,
  hasChoices,
  isEmptyAnswer,
  typeProblem,
  type ContextText,
} from './rules.js';
import type { Scope } from './scope.js';
import { localized, renderText } from './texts.js';

/** A choice as shown: its name (the stored value) and its label in the session language. */
export interface ChoiceOption {
  readonly name: string;
  readonly label: string;
}

/**
 * What a renderer needs to draw one node in one place. States are immutable: a node whose
 * state did not change keeps the very same object, so `===` tells a renderer to skip it.
 */
export interface NodeState {
  readonly path: string;
  readonly name: string;
  readonly type: NodeType;
  readonly appearance?: string;
  readonly relevant: boolean;
  readonly required: boolean;
  readonly readOnly: boolean;
  readonly value?: Answer;
  /** Label and hint in the session language, `${name}` placeholders filled in. */
  readonly label?: string;
  readonly hint?: string;
  /** Why the current answer is not acceptable (type, choice, constraint), if it is not. */
  readonly invalid?: string;
  /** Required, relevant and unanswered (show it when the user tries to finish). */
  readonly missing: boolean;
  /** A runtime problem in one of the node's expressions (e.g. division by zero). */
  readonly expressionError?: string;
  /** Choices of a select, already filtered by its choice filter. */
  readonly choices?: readonly ChoiceOption[];
  /** Repeats: current instances, and whether the user may add or remove one. */
  readonly instanceCount?: number;
  readonly canAdd?: boolean;
  readonly canRemove?: boolean;
}

/** What the value phase left on a cell for the display phase. */
export interface CellFacts {
  readonly node: CompiledNode;
  readonly scope: Scope;
  readonly path: string;
  readonly relevant: boolean;
  /** Choices passing the filter (filtered selects only). */
  readonly filtered: readonly Choice[] | null;
  readonly valueProblem: RuntimeProblem | null;
  readonly instanceCount: number;
}

export interface StateContext extends ContextText {
  readonly ev: ScopeEvaluator;
  /** Choice options per node for the session language, cached by the session. */
  options(node: CompiledNode, choices: readonly Choice[], scope: Scope): readonly ChoiceOption[];
}

function sameOptions(a: readonly ChoiceOption[] | undefined, b: readonly ChoiceOption[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((o, i) => o.name === b[i]!.name && o.label === b[i]!.label);
}

export function sameState(a: NodeState, b: NodeState): boolean {
  return (
    a.path === b.path &&
    a.relevant === b.relevant &&
    a.required === b.required &&
    a.readOnly === b.readOnly &&
    a.value === b.value &&
    a.label === b.label &&
    a.hint === b.hint &&
    a.invalid === b.invalid &&
    a.missing === b.missing &&
    a.expressionError === b.expressionError &&
    sameOptions(a.choices, b.choices) &&
    a.instanceCount === b.instanceCount &&
    a.canAdd === b.canAdd &&
    a.canRemove === b.canRemove
  );
}

/** Builds the state of a cell after its value phase; `previous` is reused when nothing changed. */
export function buildState(facts: CellFacts, ctx: StateContext, previous: NodeState | null): NodeState {
  const { node, scope } = facts;
  const base = {
    path: facts.path,
    name: node.name,
    type: node.type,
    ...(node.source.appearance ? { appearance: node.source.appearance } : {}),
  };
  let state: NodeState;
  if (!facts.relevant) {
    state = { ...base, relevant: false, required: false, readOnly: false, missing: false };
  } else {
    const raw = node.holdsValue ? scope.data[node.name] : undefined;
    const required = flag(node.required, scope, ctx.ev);
    const readOnly = flag(node.readOnly, scope, ctx.ev);
    const empty = isEmptyAnswer(raw);
    const answerable = isAnswerable(node);
    let invalid: string | undefined;
    if (!empty && answerable) {
      const wrong = typeProblem(node, raw) ?? (hasChoices(node) ? choiceProblem(node, raw, scope, ctx.ev) : null);
      invalid = wrong
        ? messageText(ctx.language, wrong)
        : (constraintProblem(node, raw, scope, ctx.ev, ctx) ?? undefined);
    }
    const problem = facts.valueProblem ?? required.problem ?? readOnly.problem;
    const choices = node.choicesFrom
      ? (facts.filtered ?? []).map((c) => ({ name: c.name, label: c.name }))
      : node.choices
        ? ctx.options(node, facts.filtered ?? node.choices, scope)
        : undefined;
    const isRepeat = node.type === 'repeat';
    state = {
      ...base,
      relevant: true,
      required: required.value,
      readOnly: readOnly.value || node.calculation !== undefined,
      ...(raw !== undefined ? { value: raw as Answer } : {}),
      ...optional('label', renderText(node.label, scope, ctx.language, ctx.fallback)),
      ...optional('hint', renderText(node.hint, scope, ctx.language, ctx.fallback)),
      ...optional('invalid', invalid),
      missing: required.value && empty && answerable,
      ...optional(
        'expressionError',
        problem
          ? messageText(ctx.language, { key: 'expressionError', params: { detail: runtimeMessage(problem) } })
          : undefined,
      ),
      ...(choices ? { choices } : {}),
      ...(isRepeat
        ? {
            instanceCount: facts.instanceCount,
            canAdd: !node.repeatCount && facts.instanceCount < node.maxCount,
            canRemove: !node.repeatCount && facts.instanceCount > node.minCount,
          }
        : {}),
    };
  }
  if (previous && sameState(previous, state)) return previous;
  return state;
}

/** Questions a person answers (not computed, not filled by the device). */
export function isAnswerable(node: CompiledNode): boolean {
  return node.holdsValue && !COMPUTED.has(node.type) && node.calculation === undefined;
}

/** Types computed or filled in by the device: nobody answers them, and the tablet never shows them. */
export const COMPUTED: ReadonlySet<NodeType> = new Set<NodeType>([
  'calculate',
  'hidden',
  'start',
  'end',
  'today',
  'deviceid',
  'username',
  'phonenumber',
  'email',
  'simserial',
  'subscriberid',
  'audit',
  'start-geopoint',
  'background-audio',
  'background-geopoint',
]);

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** Choice options of a list in a language (labels fall back to the form's default language, then the name). */
export function choiceOptions(choices: readonly Choice[], language: string, fallback: string): ChoiceOption[] {
  return choices.map((c) => ({ name: c.name, label: localized(c.label, language, fallback) ?? c.name }));
}

export { isEmptyAnswer };

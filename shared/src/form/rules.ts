import type { RuntimeProblem } from '../expr/evaluate.js';
import { isDate, isNodeSet, parseDate, single, toBoolean, toNumber, toText, type Value } from '../expr/values.js';
import { runtimeMessage, type ScopeEvaluator } from './evaluator.js';
import { messageText, type Message } from './messages.js';
import type { BoundExpression, CompiledNode } from './model.js';
import { answerToValue, type Scope } from './scope.js';
import { renderText } from './texts.js';

/**
 * The rules of one cell (a node in one scope), shared by `validateAnswers` and `FormSession`
 * so that the device and the server judge an answer the same way.
 */

export const MAX_TEXT_LENGTH = 10_000;
const MIN_DATE = '1900-01-01';
const MAX_DATE = '2100-12-31';

/** An answer counts as given unless it is absent, null, '' or an empty selection. */
export function isEmptyAnswer(raw: unknown): boolean {
  return raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
}

export interface Flag {
  readonly value: boolean;
  readonly problem: RuntimeProblem | null;
}

/**
 * The node's own `relevant` expression. A runtime problem keeps the question visible (so its
 * message can be seen) rather than hiding it.
 */
export function ownRelevance(node: CompiledNode, scope: Scope, ev: ScopeEvaluator): Flag {
  if (!node.relevant) return { value: true, problem: null };
  const v = ev.evaluate(node.relevant, scope);
  return ev.lastProblem ? { value: true, problem: ev.lastProblem } : { value: toBoolean(v), problem: null };
}

/** `required` / `read_only`: a fixed flag or an expression (`.` is the answer). */
export function flag(bound: boolean | BoundExpression, scope: Scope, ev: ScopeEvaluator, current: Value = ''): Flag {
  if (typeof bound === 'boolean') return { value: bound, problem: null };
  const v = ev.evaluate(bound, scope, current);
  return { value: toBoolean(v), problem: ev.lastProblem };
}

/** The stored answer of a calculate: numbers, text and booleans as such, dates as `YYYY-MM-DD`. */
export function calculatedAnswer(v: Value): unknown {
  const s = isNodeSet(v) ? single(v) : v;
  if (typeof s === 'number') return Number.isFinite(s) ? s : undefined;
  if (typeof s === 'boolean') return s;
  if (typeof s === 'string') return s === '' ? undefined : s;
  if (isDate(s)) return s.iso;
  const text = toText(s);
  return text === '' ? undefined : text;
}

export interface Calculation {
  readonly answer: unknown;
  readonly problem: RuntimeProblem | null;
}

export function calculate(node: CompiledNode, scope: Scope, ev: ScopeEvaluator): Calculation {
  if (!node.calculation) return { answer: undefined, problem: null };
  const v = ev.evaluate(node.calculation, scope);
  return { answer: calculatedAnswer(v), problem: ev.lastProblem };
}

function isGeopoint(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const g = raw as Record<string, unknown>;
  const num = (k: string) => typeof g[k] === 'number' && Number.isFinite(g[k]);
  if (!num('lat') || !num('lon') || !num('accuracy')) return false;
  if (g['altitude'] !== undefined && !num('altitude')) return false;
  if (Object.keys(g).some((k) => k !== 'lat' && k !== 'lon' && k !== 'accuracy' && k !== 'altitude')) return false;
  const { lat, lon, accuracy } = g as { lat: number; lon: number; accuracy: number };
  return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && accuracy >= 0;
}

/** Type and range of a non-empty answer. */
export function typeProblem(node: CompiledNode, raw: unknown): Message | null {
  switch (node.type) {
    case 'text':
      if (typeof raw !== 'string') return { key: 'notText' };
      return raw.length > MAX_TEXT_LENGTH ? { key: 'textTooLong', params: { max: MAX_TEXT_LENGTH } } : null;
    case 'integer':
      if (typeof raw !== 'number' || !Number.isInteger(raw)) return { key: 'notInteger' };
      return Number.isSafeInteger(raw) ? null : { key: 'numberTooLarge' };
    case 'decimal':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { key: 'notNumber' };
      return Math.abs(raw) > Number.MAX_SAFE_INTEGER ? { key: 'numberTooLarge' } : null;
    case 'date':
      if (typeof raw !== 'string' || raw.length !== 10 || !parseDate(raw)) return { key: 'notDate' };
      return raw < MIN_DATE || raw > MAX_DATE ? { key: 'dateOutOfRange' } : null;
    case 'select_one':
      return typeof raw === 'string' ? null : { key: 'notChoice', params: { value: String(raw) } };
    case 'select_multiple':
      if (!Array.isArray(raw)) return { key: 'notList' };
      for (const item of raw)
        if (typeof item !== 'string') return { key: 'notChoice', params: { value: String(item) } };
      return null;
    case 'geopoint':
      return isGeopoint(raw) ? null : { key: 'notGeopoint' };
    default:
      return null;
  }
}

/** Whether `choice` passes the node's choice filter in this scope. */
export function choiceAllowed(node: CompiledNode, choiceName: string, scope: Scope, ev: ScopeEvaluator): boolean {
  const choice = node.choiceByName?.get(choiceName);
  if (!choice) return false;
  if (!node.choiceFilter) return true;
  return toBoolean(ev.evaluate(node.choiceFilter, scope, '', choice));
}

/** Choice membership (respecting the choice filter) of a well-typed select answer. */
export function choiceProblem(node: CompiledNode, raw: unknown, scope: Scope, ev: ScopeEvaluator): Message | null {
  if (node.type === 'select_one') return oneChoiceProblem(node, raw as string, scope, ev);
  const names = raw as string[];
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (names.indexOf(name) < i) return { key: 'duplicateChoice', params: { value: name } };
    const wrong = oneChoiceProblem(node, name, scope, ev);
    if (wrong) return wrong;
  }
  return null;
}

function oneChoiceProblem(node: CompiledNode, name: string, scope: Scope, ev: ScopeEvaluator): Message | null {
  if (!node.choiceByName?.has(name)) return { key: 'notChoice', params: { value: name } };
  return choiceAllowed(node, name, scope, ev) ? null : { key: 'choiceFiltered', params: { value: name } };
}

export interface ContextText {
  readonly language: string;
  readonly fallback: string;
}

/**
 * The constraint of a non-empty answer: the form's message in the user's language (else the
 * built-in one) when it fails; when it cannot be evaluated, why.
 */
export function constraintProblem(
  node: CompiledNode,
  raw: unknown,
  scope: Scope,
  ev: ScopeEvaluator,
  t: ContextText,
): string | null {
  if (!node.constraint) return null;
  const ok = toBoolean(ev.evaluate(node.constraint, scope, answerToValue(node, raw)));
  const problem = ev.lastProblem;
  if (problem) return messageText(t.language, { key: 'uncheckable', params: { detail: runtimeMessage(problem) } });
  if (ok) return null;
  return (
    renderText(node.constraintMessage, scope, t.language, t.fallback) ?? messageText(t.language, { key: 'constraint' })
  );
}

/**
 * Everything wrong with the answer of a relevant question, as the message to show, or null:
 * missing when required, else wrong type or range, not an allowed choice, or failing its constraint.
 */
export function answerProblem(
  node: CompiledNode,
  raw: unknown,
  scope: Scope,
  ev: ScopeEvaluator,
  t: ContextText,
): string | null {
  if (isEmptyAnswer(raw)) {
    if (!flag(node.required, scope, ev).value) return null;
    return (
      renderText(node.requiredMessage, scope, t.language, t.fallback) ?? messageText(t.language, { key: 'required' })
    );
  }
  const wrong = typeProblem(node, raw) ?? (node.choiceByName ? choiceProblem(node, raw, scope, ev) : null);
  if (wrong) return messageText(t.language, wrong);
  return constraintProblem(node, raw, scope, ev, t);
}

/** The number of instances a `repeat_count` asks for (empty or not a number: none). */
export function expectedInstances(node: CompiledNode, scope: Scope, ev: ScopeEvaluator): number {
  if (!node.repeatCount) return 0;
  const n = toNumber(ev.evaluate(node.repeatCount, scope));
  if (!Number.isFinite(n) || n < 0) return 0;
  return Math.min(Math.trunc(n), node.maxCount);
}

/** Instance-count rule of a relevant repeat. */
export function repeatCountProblem(
  node: CompiledNode,
  actual: number,
  scope: Scope,
  ev: ScopeEvaluator,
): Message | null {
  if (node.repeatCount) {
    const expected = expectedInstances(node, scope, ev);
    return actual === expected ? null : { key: 'repeatExact', params: { expected, actual } };
  }
  if (actual < node.minCount) return { key: 'repeatMin', params: { min: node.minCount } };
  if (actual > node.maxCount) return { key: 'repeatMax', params: { max: node.maxCount } };
  return null;
}

import type { RuntimeProblem } from '../expr/evaluate.js';
import { parseDateTime, parseTime } from '../expr/dates.js';
import {
  formatNumber,
  isDate,
  isNodeSet,
  parseDate,
  single,
  toBoolean,
  toNumber,
  toText,
  type Value,
  type XNode,
} from '../expr/values.js';
import { runtimeMessage, type ScopeEvaluator } from './evaluator.js';
import { messageText, type Message } from './messages.js';
import type { BoundExpression, CompiledNode } from './model.js';
import { readRef, type Scope } from './scope.js';
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
export function flag(bound: boolean | BoundExpression, scope: Scope, ev: ScopeEvaluator): Flag {
  if (typeof bound === 'boolean') return { value: bound, problem: null };
  const v = ev.evaluate(bound, scope);
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

/** A file answer (photo, recording, signature): its name, and what the media flow adds (type, size, SHA-256). */
function isFileAnswer(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const f = raw as Record<string, unknown>;
  if (typeof f['name'] !== 'string' || f['name'] === '' || f['name'].length > 255 || /[/\\]/.test(f['name']))
    return false;
  if (f['type'] !== undefined && typeof f['type'] !== 'string') return false;
  if (f['size'] !== undefined && !(typeof f['size'] === 'number' && Number.isSafeInteger(f['size']) && f['size'] >= 0))
    return false;
  if (f['sha256'] !== undefined && !(typeof f['sha256'] === 'string' && /^[0-9a-f]{64}$/.test(f['sha256'])))
    return false;
  return true;
}

function isText(raw: unknown): Message | null {
  if (typeof raw !== 'string') return { key: 'notText' };
  return raw.length > MAX_TEXT_LENGTH ? { key: 'textTooLong', params: { max: MAX_TEXT_LENGTH } } : null;
}

/** A `range` question's bounds and step (pyxform's defaults: 1 to 10 by 1). */
export function rangeOf(node: CompiledNode): { start: number; end: number; step: number } {
  const p = node.source.parameters ?? {};
  const num = (v: string | undefined, fallback: number) =>
    v !== undefined && Number.isFinite(Number(v)) ? Number(v) : fallback;
  return { start: num(p['start'], 1), end: num(p['end'], 10), step: num(p['step'], 1) };
}

function rangeProblem(node: CompiledNode, value: number): Message | null {
  const { start, end, step } = rangeOf(node);
  const [min, max] = start <= end ? [start, end] : [end, start];
  if (value < min || value > max)
    return { key: 'outOfRange', params: { min: formatNumber(min), max: formatNumber(max) } };
  const steps = (value - start) / step;
  if (step !== 0 && Math.abs(steps - Math.round(steps)) > 1e-9)
    return { key: 'notOnStep', params: { step: formatNumber(Math.abs(step)), min: formatNumber(start) } };
  return null;
}

/** Type and range of a non-empty answer. */
export function typeProblem(node: CompiledNode, raw: unknown): Message | null {
  switch (node.type) {
    case 'text':
    case 'barcode':
    case 'deviceid':
    case 'username':
    case 'phonenumber':
    case 'email':
    case 'simserial':
    case 'subscriberid':
      return isText(raw);
    case 'integer':
      if (typeof raw !== 'number' || !Number.isInteger(raw)) return { key: 'notInteger' };
      return Number.isSafeInteger(raw) ? null : { key: 'numberTooLarge' };
    case 'decimal':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { key: 'notNumber' };
      return Math.abs(raw) > Number.MAX_SAFE_INTEGER ? { key: 'numberTooLarge' } : null;
    case 'range':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { key: 'notNumber' };
      return rangeProblem(node, raw);
    case 'date':
    case 'today':
      if (typeof raw !== 'string' || raw.length !== 10 || !parseDate(raw)) return { key: 'notDate' };
      return raw < MIN_DATE || raw > MAX_DATE ? { key: 'dateOutOfRange' } : null;
    case 'time':
      return typeof raw === 'string' && parseTime(raw) ? null : { key: 'notTime' };
    case 'dateTime':
    case 'start':
    case 'end':
      return typeof raw === 'string' && parseDateTime(raw) ? null : { key: 'notDateTime' };
    case 'select_one':
      return typeof raw === 'string' ? null : { key: 'notChoice', params: { value: String(raw) } };
    case 'select_multiple':
    case 'rank':
      if (!Array.isArray(raw)) return { key: 'notList' };
      for (const item of raw)
        if (typeof item !== 'string') return { key: 'notChoice', params: { value: String(item) } };
      return null;
    case 'geopoint':
    case 'start-geopoint':
    case 'background-geopoint':
      return isGeopoint(raw) ? null : { key: 'notGeopoint' };
    case 'geotrace':
      return Array.isArray(raw) && raw.length >= 2 && raw.every(isGeopoint) ? null : { key: 'notGeotrace' };
    case 'geoshape':
      return Array.isArray(raw) && raw.length >= 3 && raw.every(isGeopoint) ? null : { key: 'notGeoshape' };
    case 'image':
    case 'audio':
    case 'video':
    case 'file':
    case 'background-audio':
      return isFileAnswer(raw) ? null : { key: 'notFile' };
    case 'acknowledge':
    case 'trigger':
      return raw === 'OK' ? null : { key: 'notAcknowledged' };
    case 'audit':
      return Array.isArray(raw) ? null : { key: 'notList' };
    default:
      return null;
  }
}

/** The item of the choice list behind a choice (what its choice filter is evaluated on). */
function itemOf(node: CompiledNode, choiceName: string): { node: XNode; position: number; size: number } | null {
  const choices = node.choices ?? [];
  const items = node.choiceItems ?? [];
  const index = choices.findIndex((c) => c.name === choiceName);
  const item = items[index];
  return item ? { node: item, position: index + 1, size: items.length } : null;
}

/** `select_one ${q}`: the answers to `q` seen from this scope, each once. */
export function answersAsChoices(node: CompiledNode, scope: Scope): string[] {
  if (!node.choicesFrom) return [];
  const v = readRef(node.choicesFrom, scope);
  const names = (isNodeSet(v) ? v.values : [v]).map((x) => toText(x).trim()).filter((x) => x !== '');
  return [...new Set(names)];
}

/** Whether `choice` passes the node's choice filter in this scope. */
export function choiceAllowed(node: CompiledNode, choiceName: string, scope: Scope, ev: ScopeEvaluator): boolean {
  if (node.choicesFrom) return answersAsChoices(node, scope).includes(choiceName);
  if (!node.choiceByName?.has(choiceName)) return false;
  if (!node.choiceFilter) return true;
  const item = itemOf(node, choiceName);
  return item ? toBoolean(ev.evaluate(node.choiceFilter, scope, item)) : false;
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
  if (node.type === 'rank' && !node.choicesFrom && !node.choiceFilter && names.length < (node.choices?.length ?? 0))
    return { key: 'incompleteRank' };
  return null;
}

function oneChoiceProblem(node: CompiledNode, name: string, scope: Scope, ev: ScopeEvaluator): Message | null {
  if (node.choicesFrom) {
    return answersAsChoices(node, scope).includes(name) ? null : { key: 'notChoice', params: { value: name } };
  }
  if (!node.choiceByName?.has(name)) return { key: 'notChoice', params: { value: name } };
  return choiceAllowed(node, name, scope, ev) ? null : { key: 'choiceFiltered', params: { value: name } };
}

/** Whether the node checks its answer against a list of choices. */
export function hasChoices(node: CompiledNode): boolean {
  return !node.openChoices && (node.choiceByName !== undefined || node.choicesFrom !== undefined);
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
  const ok = toBoolean(ev.evaluate(node.constraint, scope));
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
  const wrong = typeProblem(node, raw) ?? (hasChoices(node) ? choiceProblem(node, raw, scope, ev) : null);
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

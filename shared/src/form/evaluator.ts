import type { Call, Expr, FieldRef, PathExpr } from '../expr/ast.js';
import { evaluate, type Clock, type EvalContext, type RuntimeProblem } from '../expr/evaluate.js';
import { localDate, parseDate, single, type Value, type XDate, type XNode } from '../expr/values.js';
import type { Message } from './messages.js';
import type { BoundExpression, CompiledForm, RecordMeta } from './model.js';
import { ancestor, answerToValue, instancesIn, PrimaryNode, readRef, rootOf, type Scope } from './scope.js';
import { localized } from './texts.js';

/**
 * What expressions may know about the device, its user and the moment (all optional: by default the
 * running machine's date, clock and time zone).
 */
export interface EvalEnvironment {
  /** The date `today()` stands for, `YYYY-MM-DD`. */
  readonly today?: string;
  /** The clock `now()` reads. */
  readonly now?: () => Clock;
  /** Record metadata (`instanceID`…). */
  readonly meta?: Partial<Record<RecordMeta, string>>;
  /** What `property()` and the device metadata read: deviceid, username, email, phonenumber. */
  readonly properties?: Readonly<Record<string, string>>;
  readonly random?: () => number;
  readonly uuid?: () => string;
}

/** A random UUID v4 from `random` (crypto's generator where the platform has one). */
export function randomUuid(random: () => number = Math.random): string {
  const bytes = new Uint8Array(16);
  const crypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function systemClock(): Clock {
  const now = new Date();
  return { instant: now.getTime(), offset: -now.getTimezoneOffset() };
}

/**
 * Evaluates bound expressions over the answers. One instance serves a whole validation or session
 * (it is re-pointed at each cell, so evaluating allocates almost nothing); it is not shared between
 * callers.
 */
export class ScopeEvaluator implements EvalContext {
  private scope: Scope | null = null;
  private bound: BoundExpression | null = null;
  /** The first runtime problem of the last evaluation, if any. */
  lastProblem: RuntimeProblem | null = null;
  /** The language of labels (`jr:choice-name`, `format-date`). */
  lang: string;
  private readonly todayDate: XDate;

  constructor(
    private readonly form: CompiledForm,
    private readonly env: EvalEnvironment = {},
    language?: string,
  ) {
    this.lang = language ?? form.defaultLanguage;
    const parsed = env.today ? parseDate(env.today) : null;
    this.todayDate = parsed ?? localDate(new Date());
  }

  /** Evaluates `bound` in `scope`; `item` makes it a predicate over a choice list item (a choice filter). */
  evaluate(
    bound: BoundExpression,
    scope: Scope,
    item: { node: XNode; position: number; size: number } | null = null,
  ): Value {
    this.bound = bound;
    this.scope = scope;
    this.lastProblem = null;
    return evaluate(bound.expression.ast, this, bound.expression, item);
  }

  read(node: FieldRef | PathExpr): Value {
    const bound = this.bound;
    const scope = this.scope;
    if (!bound || !scope) return '';
    const meta = bound.meta.get(node);
    if (meta !== undefined) return meta === 'lastSaved' ? '' : (this.env.meta?.[meta] ?? '');
    const ref = bound.refs.get(node);
    return ref ? readRef(ref, scope) : '';
  }

  positionOf(node: Expr | null): number {
    const scope = this.scope;
    if (!scope) return 1;
    const target = node && this.bound?.refs.get(node as FieldRef)?.target;
    if (!node || !target) return scope.index + 1;
    for (let s: Scope | null = scope; s; s = s.parent) if (s.repeat === target) return s.index + 1;
    return 1;
  }

  contextNode(): XNode | null {
    if (!this.scope) return null;
    return new PrimaryNode(this.bound?.site ?? null, this.scope, this.form.roots);
  }

  root(): XNode | null {
    return this.scope ? new PrimaryNode(null, rootOf(this.scope), this.form.roots) : null;
  }

  instance(id: string): XNode | null {
    return this.form.instances.get(id);
  }

  today(): XDate {
    return this.todayDate;
  }

  now(): Clock {
    return (this.env.now ?? systemClock)();
  }

  language(): string {
    return this.lang;
  }

  choiceLabel(question: Expr, value: string): string {
    const node = this.bound?.choiceQuestions.get(question);
    const choice = node?.choiceByName?.get(value.trim());
    if (!choice) return '';
    return localized(choice.label, this.lang, this.form.defaultLanguage) ?? choice.name;
  }

  indexedRepeat(call: Call, indexes: readonly number[]): Value {
    const binding = this.bound?.indexedRepeats.get(call);
    let scope = this.scope;
    if (!binding || !scope) return '';
    for (let k = 0; k < binding.repeats.length; k++) {
      const ref = binding.repeats[k]!;
      const base = ancestor(scope, ref.up);
      const repeat = ref.down[0]!;
      const index = Math.trunc(indexes[k] ?? NaN);
      const data = instancesIn(base.data, repeat)[index - 1];
      if (!data) return '';
      scope = { data, parent: base, repeat, index: index - 1 };
    }
    return single(readRef(binding.target, scope));
  }

  ownValue(): Value {
    const site = this.bound?.site;
    if (!site || !this.scope || !site.holdsValue) return '';
    return answerToValue(site, this.scope.data[site.name]);
  }

  random(): number {
    return (this.env.random ?? Math.random)();
  }

  uuid(): string {
    return (this.env.uuid ?? (() => randomUuid(this.env.random)))();
  }

  version(): string {
    return this.form.definition.version;
  }

  property(name: string): string {
    return this.env.properties?.[name.replace(/^uri:/, '')] ?? '';
  }

  problem(problem: RuntimeProblem): void {
    if (!this.lastProblem) this.lastProblem = problem;
  }
}

/** A runtime problem as a message for the person filling the form. */
export function runtimeMessage(problem: RuntimeProblem): Message {
  switch (problem.code) {
    case 'division-by-zero':
      return { key: 'divisionByZero' };
    case 'invalid-date':
      return { key: 'invalidDate', params: { value: problem.detail ?? '' } };
    case 'invalid-regex':
      return { key: 'invalidRegex', params: { value: problem.detail ?? '' } };
    case 'missing-instance':
      return { key: 'missingMedia', params: { value: problem.detail ?? '' } };
    case 'invalid-argument':
      return { key: 'invalidArgument', params: { value: problem.detail ?? '' } };
  }
}

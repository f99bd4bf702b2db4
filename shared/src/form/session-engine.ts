import type { Choice } from '@kusanya/schemas';
import type { RuntimeProblem } from '../expr/evaluate.js';
import { toBoolean, toText } from '../expr/values.js';
import { formatDateTime, wallClock } from '../expr/dates.js';
import { cloneAnswers, sameAnswer } from './answers.js';
import { ScopeEvaluator, systemClock, type EvalEnvironment } from './evaluator.js';
import type { CompiledForm, CompiledNode, DependentEdge } from './model.js';
import { buildState, choiceOptions, type ChoiceOption, type StateContext } from './node-state.js';
import { parsePath } from './paths.js';
import { answersAsChoices, calculate, calculatedAnswer, expectedInstances, ownRelevance } from './rules.js';
import { cellPath, readRef, type Scope } from './scope.js';
import {
  createScope,
  forEachCell,
  forEachScopeDown,
  killScope,
  NOT_SEEN,
  type Cell,
  type SessionScope,
} from './session-scope.js';
import { renderText } from './texts.js';

/**
 * The incremental evaluation behind a {@link FormSession}.
 *
 * Cells waiting for their value phase (relevance, calculation, choice filter, repeat count) sit
 * in buckets by topological rank, so each is evaluated once per change and after everything it
 * depends on. A cell whose value or relevance changes marks its dependents through the compiled
 * edges, limited to the related scopes (the same repeat instance, or the totals above it).
 * Then the display phase rebuilds the node states of every touched cell.
 */

function upFrom(scope: SessionScope, steps: number): SessionScope {
  let s = scope;
  for (let i = 0; i < steps && s.parent; i++) s = s.parent;
  return s;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface EngineOptions {
  readonly data: Record<string, unknown> | undefined;
  readonly language: string;
  readonly env: EvalEnvironment;
}

/** Device metadata filled in when a record starts (see `metadataValue`). */
const DEVICE_METADATA = new Set<string>([
  'start',
  'today',
  'deviceid',
  'username',
  'email',
  'phonenumber',
  'simserial',
  'subscriberid',
]);

export class SessionEngine {
  private language: string;
  readonly ev: ScopeEvaluator;
  private readonly env: EvalEnvironment;
  readonly root: SessionScope;
  private readonly buckets: Cell[][];
  private pending = 0;
  private displayQueue: Cell[] = [];
  private readonly changed = new Set<string>();
  readonly optionCache = new Map<number, readonly ChoiceOption[]>();
  private readonly subtrees = new Map<number, readonly CompiledNode[]>();
  private readonly stateContext: StateContext;

  constructor(
    readonly form: CompiledForm,
    options: EngineOptions,
  ) {
    this.language = options.language;
    this.env = options.env;
    this.ev = new ScopeEvaluator(form, options.env, options.language);
    this.buckets = Array.from({ length: form.rankCount }, () => []);
    const language = () => this.lang;
    this.stateContext = {
      ev: this.ev,
      get language() {
        return language();
      },
      fallback: form.defaultLanguage,
      options: (node, choices, scope) => this.options(node, choices, scope),
    };
    const isNew = options.data === undefined;
    this.root = this.buildScope(isNew ? {} : cloneAnswers(options.data!), null, null, 0);
    if (isNew) this.applyDefaults(this.root);
    forEachCell(this.root, (c) => this.enqueue(c));
    this.flush();
  }

  get lang(): string {
    return this.language;
  }

  set lang(value: string) {
    this.language = value;
    this.ev.lang = value;
  }

  // ---- scopes and cells

  private members(repeat: CompiledNode | null): readonly CompiledNode[] {
    return this.form.scopeMembers.get(repeat) ?? [];
  }

  buildScope(
    data: Record<string, unknown>,
    parent: SessionScope | null,
    repeat: CompiledNode | null,
    index: number,
  ): SessionScope {
    const members = this.members(repeat);
    const scope = createScope(data, parent, repeat, index, members);
    for (const node of members) {
      if (node.type !== 'repeat') continue;
      const raw = data[node.name];
      if (!Array.isArray(raw)) {
        delete data[node.name];
        continue;
      }
      const list = raw.map((item: unknown) => (isRecord(item) ? item : {}));
      data[node.name] = list;
      scope.kids.set(
        node.id,
        list.map((item, i) => this.buildScope(item, scope, node, i)),
      );
    }
    return scope;
  }

  applyDefaults(scope: SessionScope): void {
    for (const node of this.members(scope.repeat)) {
      if (!node.holdsValue) continue;
      let value: unknown;
      if (DEVICE_METADATA.has(node.type)) value = this.metadataValue(node.type);
      else if (node.staticDefault !== undefined) value = cloneAnswers(node.staticDefault);
      else if (node.dynamicDefault) value = calculatedAnswer(this.ev.evaluate(node.dynamicDefault, scope));
      if (value !== undefined) scope.data[node.name] = value;
    }
  }

  /** What the device records for a metadata question when the record starts. */
  private metadataValue(type: CompiledNode['type']): unknown {
    switch (type) {
      case 'start': {
        const { instant, offset } = (this.env.now ?? systemClock)();
        return formatDateTime(wallClock(instant, offset));
      }
      case 'today':
        return this.ev.today().iso;
      default: {
        const value = this.env.properties?.[type];
        return value === undefined || value === '' ? undefined : value;
      }
    }
  }

  cellAt(path: string): Cell | SessionScope | undefined {
    // A question outside repeats (most lookups: the renderer asks for each question it draws or counts).
    if (path.indexOf('[') === -1 && path.indexOf(']') === -1) {
      const node = path === '' ? undefined : this.form.byName.get(path);
      return node ? this.root.cells.get(node.id) : undefined;
    }
    const parsed = parsePath(path);
    if (!parsed) return undefined;
    let scope: SessionScope | undefined = this.root;
    for (const step of parsed.steps) {
      const repeat = this.form.byName.get(step.repeat);
      if (!repeat || repeat.type !== 'repeat') return undefined;
      scope = scope.kids.get(repeat.id)?.[step.index];
      if (!scope) return undefined;
    }
    if (parsed.name === null) return scope;
    const node = this.form.byName.get(parsed.name);
    return node ? scope.cells.get(node.id) : undefined;
  }

  private options(node: CompiledNode, choices: readonly Choice[], scope: Scope): readonly ChoiceOption[] {
    let all = this.optionCache.get(node.id);
    if (!all) {
      all = choiceOptions(node.choices ?? [], this.lang, this.form.defaultLanguage);
      this.optionCache.set(node.id, all);
    }
    // Labels that show answers are written again with the answers of now (seen from the question's scope).
    const texts = node.choiceTexts;
    if (texts)
      all = all.map((o) => {
        const text = texts.get(o.name);
        return text ? { name: o.name, label: renderText(text, scope, this.lang, this.form.defaultLanguage) ?? '' } : o;
      });
    if (choices === node.choices) return all;
    const names = new Set(choices.map((c) => c.name));
    return all.filter((o) => names.has(o.name));
  }

  // ---- incremental evaluation

  enqueue(cell: Cell): void {
    if (cell.queued) return;
    cell.queued = true;
    this.buckets[cell.node.rank]!.push(cell);
    this.pending++;
  }

  queueDisplay(cell: Cell): void {
    if (cell.displayQueued) return;
    cell.displayQueued = true;
    this.displayQueue.push(cell);
  }

  private markEdge(edge: DependentEdge, base: SessionScope): void {
    forEachScopeDown(base, edge.down, (scope) => {
      const target = scope.cells.get(edge.node.id);
      if (!target) return;
      if (edge.kind === 'value') this.enqueue(target);
      else this.queueDisplay(target);
    });
  }

  markDependents(cell: Cell): void {
    for (const edge of cell.node.dependents) this.markEdge(edge, upFrom(cell.scope, edge.up));
  }

  private subtree(repeat: CompiledNode): readonly CompiledNode[] {
    let nodes = this.subtrees.get(repeat.id);
    if (!nodes) {
      nodes = this.form.nodes.filter((n) => n.repeatPath.includes(repeat));
      this.subtrees.set(repeat.id, nodes);
    }
    return nodes;
  }

  /** Instances were added or removed: refresh the repeat, its instances and anything aggregating over them. */
  structureChanged(cell: Cell): void {
    this.markDependents(cell);
    const depth = cell.node.repeatPath.length;
    for (const inner of this.subtree(cell.node)) {
      for (const edge of inner.dependents) {
        const common = inner.repeatPath.length - edge.up;
        if (common <= depth) this.markEdge(edge, upFrom(cell.scope, depth - common));
      }
    }
    this.queueDisplay(cell);
  }

  resize(cell: Cell, target: number): void {
    const { node, scope } = cell;
    let kids = scope.kids.get(node.id);
    if (!kids) {
      kids = [];
      scope.kids.set(node.id, kids);
    }
    if (kids.length === target) {
      // No instances is stored as no key, like any empty answer.
      if (target === 0 && Array.isArray(scope.data[node.name])) delete scope.data[node.name];
      return;
    }
    let list = scope.data[node.name] as Record<string, unknown>[] | undefined;
    if (!list) {
      list = [];
      scope.data[node.name] = list;
    }
    while (kids.length > target) {
      killScope(kids.pop()!);
      list.pop();
    }
    while (kids.length < target) {
      const data: Record<string, unknown> = {};
      list.push(data);
      const kid = this.buildScope(data, scope, node, kids.length);
      kids.push(kid);
      this.applyDefaults(kid);
      forEachCell(kid, (c) => this.enqueue(c));
    }
    if (list.length === 0) delete scope.data[node.name];
    this.structureChanged(cell);
  }

  store(scope: SessionScope, node: CompiledNode, answer: unknown): boolean {
    if (sameAnswer(scope.data[node.name], answer)) return false;
    if (answer === undefined) delete scope.data[node.name];
    else scope.data[node.name] = answer;
    return true;
  }

  private parentRelevant(cell: Cell): boolean {
    const parent = cell.node.parent;
    if (!parent) return true;
    const scope = upFrom(cell.scope, cell.node.repeatPath.length - parent.repeatPath.length);
    return scope.cells.get(parent.id)?.relevant ?? true;
  }

  private allowedChoices(cell: Cell): readonly Choice[] {
    const { node, scope } = cell;
    if (node.choicesFrom) {
      const names = answersAsChoices(node, scope);
      const previous = cell.filtered ?? [];
      // Keep the same objects while the names do not change.
      if (previous.length === names.length && previous.every((c, i) => c.name === names[i])) return previous;
      return names.map((name) => ({ name, label: { [this.form.defaultLanguage]: name } }));
    }
    const choices = node.choices ?? [];
    const items = node.choiceItems ?? [];
    const size = items.length;
    return choices.filter((c, i) => {
      const item = items[i];
      return item
        ? toBoolean(this.ev.evaluate(node.choiceFilter!, scope, { node: item, position: i + 1, size }))
        : false;
    });
  }

  private applyChoiceFilter(cell: Cell): boolean {
    const { node, scope } = cell;
    const allowed = this.allowedChoices(cell);
    const previous = cell.filtered;
    const same = previous !== null && previous.length === allowed.length && previous.every((c, i) => c === allowed[i]);
    if (!same) cell.filtered = allowed;
    const raw = scope.data[node.name];
    if (raw === undefined) return false;
    const names = new Set(allowed.map((c) => c.name));
    if (Array.isArray(raw)) {
      const kept = raw.filter((n) => typeof n === 'string' && names.has(n));
      return kept.length === raw.length ? false : this.store(scope, node, kept.length > 0 ? kept : undefined);
    }
    return typeof raw === 'string' && names.has(raw) ? false : this.store(scope, node, undefined);
  }

  private evaluateValue(cell: Cell): void {
    const { node, scope } = cell;
    const before = cell.relevant;
    let relevant = this.parentRelevant(cell);
    let problem: RuntimeProblem | null = null;
    if (relevant && node.relevant) {
      const own = ownRelevance(node, scope, this.ev);
      relevant = own.value;
      problem = own.problem;
    }
    cell.relevant = relevant;
    let changed = relevant !== before;
    if (!relevant) {
      cell.filtered = null;
      if (node.type === 'repeat') this.resize(cell, 0);
      else if (node.holdsValue && node.name in scope.data) changed = this.store(scope, node, undefined) || changed;
    } else {
      if (node.calculation && this.shouldCalculate(cell)) {
        const result = calculate(node, scope, this.ev);
        problem ??= result.problem;
        changed = this.store(scope, node, result.answer) || changed;
      }
      if (node.choiceFilter || node.choicesFrom) changed = this.applyChoiceFilter(cell) || changed;
      if (node.type === 'repeat') {
        const count = scope.kids.get(node.id)?.length ?? 0;
        let target = count;
        if (node.repeatCount) {
          target = expectedInstances(node, scope, this.ev);
          problem ??= this.ev.lastProblem;
        } else if (scope.data[node.name] === undefined) {
          target = Math.max(count, node.minCount);
        }
        this.resize(cell, target);
      }
    }
    cell.valueProblem = problem;
    if (changed) this.markDependents(cell);
    this.queueDisplay(cell);
  }

  /**
   * A calculation runs whenever what it reads changes, except: one with a `trigger` runs only when its
   * trigger's answer changes (to a value); one that could give another value each time (now(), random(),
   * once()) keeps the value it got.
   */
  private shouldCalculate(cell: Cell): boolean {
    const { node, scope } = cell;
    if (node.trigger) {
      const value = readRef(node.trigger, scope);
      const text = toText(value);
      const fire = cell.triggerSeen !== NOT_SEEN && cell.triggerSeen !== text && text !== '';
      cell.triggerSeen = text;
      return fire;
    }
    if (node.volatile && scope.data[node.name] !== undefined) return false;
    return true;
  }

  /** Expressions whose dependencies could not be worked out ahead re-evaluate after any change. */
  markWatchAll(): void {
    for (const node of this.form.watchAll) {
      const visit = (scope: SessionScope) => {
        const cell = scope.cells.get(node.id);
        if (cell) this.enqueue(cell);
        for (const list of scope.kids.values()) for (const kid of list) visit(kid);
      };
      visit(this.root);
    }
  }

  /** Runs every pending evaluation; returns the paths whose state changed. */
  flush(): string[] {
    while (this.pending > 0) {
      for (const bucket of this.buckets) {
        while (bucket.length > 0) {
          const cell = bucket.pop()!;
          cell.queued = false;
          this.pending--;
          if (!cell.scope.dead) this.evaluateValue(cell);
        }
      }
    }
    const queue = this.displayQueue;
    this.displayQueue = [];
    for (const cell of queue) {
      cell.displayQueued = false;
      if (cell.scope.dead) continue;
      const facts = {
        node: cell.node,
        scope: cell.scope,
        path: cellPath(cell.scope, cell.node.name),
        relevant: cell.relevant,
        filtered: cell.filtered,
        valueProblem: cell.valueProblem,
        instanceCount: cell.scope.kids.get(cell.node.id)?.length ?? 0,
      };
      const next = buildState(facts, this.stateContext, cell.state);
      if (next !== cell.state) {
        cell.state = next;
        this.changed.add(next.path);
      }
    }
    const changed = [...this.changed];
    this.changed.clear();
    return changed;
  }
}

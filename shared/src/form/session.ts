import { formatDateTime, wallClock } from '../expr/dates.js';
import { toText } from '../expr/values.js';
import { cloneAnswers, normalizeAnswer } from './answers.js';
import { systemClock, type EvalEnvironment } from './evaluator.js';
import type { CompiledForm } from './model.js';
import type { NodeState } from './node-state.js';
import { joinPath } from './paths.js';
import { scopePath } from './scope.js';
import { SessionEngine } from './session-engine.js';
import { forEachCell, killScope, type Cell } from './session-scope.js';
import { validateAnswers, type ValidationResult } from './validate.js';

/**
 * An interactive filling of one form: the engine behind the renderer.
 *
 * Every change re-evaluates only what depends on it, through the compiled dependency graph:
 * answering for one member of a roster touches that member's cells and the totals over the
 * roster, not the other members. Each call returns the paths whose {@link NodeState} changed
 * (the same objects are kept for everything else). Runtime errors in expressions never
 * throw: they appear as `expressionError` / `invalid` on the question concerned.
 *
 * Paths are `name` or `repeat[i].name` with 0-based instance indexes (see `paths.ts`);
 * answer values follow the conventions of `answers.ts`.
 */

export interface SessionOptions {
  /** Answers of a draft to resume. Omit it for a new form: defaults are then applied. */
  readonly data?: Record<string, unknown>;
  /** Language of labels and messages (`fr`, `rn`, `en`); the form's default language if omitted. */
  readonly language?: string;
  /** The date `today()` stands for (`YYYY-MM-DD`); the device's local date if omitted. */
  readonly today?: string;
  /**
   * What the device knows: the record's id (`${instanceID}`), the user and device (`deviceid`, `username`
   * metadata and `property()`), and its clock.
   */
  readonly env?: Omit<EvalEnvironment, 'today'>;
}

/** One entry of the `audit` log: a question (or screen) shown, and for how long. */
export interface AuditEntry {
  readonly event: 'question' | 'group' | 'form start' | 'form resume' | 'form save' | 'form finalize';
  readonly node?: string;
  /** Milliseconds since 1970. */
  readonly start: number;
  readonly end?: number;
}

/** At most this many audit entries are kept with a record (a log of field visits, not a keystroke log). */
export const MAX_AUDIT_ENTRIES = 2000;

export type ChangeListener = (changed: readonly string[]) => void;

export class FormSession {
  private readonly engine: SessionEngine;
  private readonly env: EvalEnvironment;
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly form: CompiledForm,
    options: SessionOptions = {},
  ) {
    this.env = { ...options.env, ...(options.today ? { today: options.today } : {}) };
    this.engine = new SessionEngine(form, {
      data: options.data,
      language: options.language ?? form.defaultLanguage,
      env: this.env,
    });
  }

  get language(): string {
    return this.engine.lang;
  }

  /** The state of the node at `path` (`members[2].sex`), or undefined if there is none. */
  getNodeState(path: string): NodeState | undefined {
    const cell = this.engine.cellAt(path);
    return cell && 'node' in cell ? (cell.state ?? undefined) : undefined;
  }

  /** Paths of the nodes under `path` (the top level when omitted); for a repeat, its instance paths. */
  children(path?: string): string[] {
    if (path === undefined || path === '') return this.form.roots.map((n) => n.name);
    const found = this.engine.cellAt(path);
    if (!found) return [];
    if (!('node' in found)) return (found.repeat?.children ?? []).map((c) => joinPath(path, c.name));
    const { node, scope } = found;
    if (node.type === 'group') return node.children.map((c) => joinPath(scopePath(scope), c.name));
    if (node.type === 'repeat') return (scope.kids.get(node.id) ?? []).map((_, i) => `${path}[${i}]`);
    return [];
  }

  /**
   * Sets (or clears, with `undefined`, `null`, `''` or `[]`) the answer at `path`. Answers to a
   * question that is not relevant are ignored. Returns the paths whose state changed.
   * Throws only for a path that does not name a question (a renderer bug).
   */
  setValue(path: string, value: unknown): string[] {
    const cell = this.engine.cellAt(path);
    if (!cell || !('node' in cell)) throw new Error(`no question at path '${path}'`);
    const { node, scope } = cell;
    if (!node.holdsValue || node.type === 'calculate')
      throw new Error(`'${path}' is a ${node.type}, which takes no answer`);
    if (!cell.relevant) return [];
    if (!this.engine.store(scope, node, normalizeAnswer(value))) return [];
    this.engine.markDependents(cell);
    this.engine.markWatchAll();
    this.engine.queueDisplay(cell);
    return this.commit();
  }

  /** Adds an instance at the end of the repeat at `path`, if the repeat allows it. */
  addRepeatInstance(path: string): string[] {
    const cell = this.repeatCell(path);
    const state = cell?.state;
    if (!cell || !state?.relevant || !state.canAdd) return [];
    this.engine.resize(cell, (state.instanceCount ?? 0) + 1);
    return this.commit();
  }

  /** Removes instance `index` (0-based) of the repeat at `path`, if the repeat allows it. */
  removeRepeatInstance(path: string, index: number): string[] {
    const cell = this.repeatCell(path);
    const kids = cell?.scope.kids.get(cell.node.id);
    if (!cell || !kids || !cell.state?.canRemove || index < 0 || index >= kids.length) return [];
    const [removed] = kids.splice(index, 1);
    const list = cell.scope.data[cell.node.name] as unknown[];
    list.splice(index, 1);
    if (list.length === 0) delete cell.scope.data[cell.node.name];
    killScope(removed!);
    kids.forEach((kid, i) => {
      if (i < index) return;
      kid.index = i;
      // Paths of the later instances (and of everything inside them) moved down by one.
      forEachCell(kid, (c) => this.engine.queueDisplay(c));
    });
    this.engine.structureChanged(cell);
    return this.commit();
  }

  /** Switches the language of labels and messages; returns every path whose text changed. */
  setLanguage(language: string): string[] {
    if (language === this.engine.lang) return [];
    this.engine.lang = language;
    this.engine.optionCache.clear();
    forEachCell(this.engine.root, (c) => this.engine.queueDisplay(c));
    return this.commit();
  }

  /** A copy of the answers, as they are to be saved. */
  snapshot(): Record<string, unknown> {
    return cloneAnswers(this.engine.root.data);
  }

  /** The full judgement of the answers: exactly what the server will run on this submission. */
  validate(): ValidationResult {
    return validateAnswers(this.form, this.engine.root.data, this.engine.lang, this.env);
  }

  /** Records the `end` metadata (the moment the record is finished); returns the paths that changed. */
  markEnd(): string[] {
    const changed: string[] = [];
    const { instant, offset } = (this.env.now ?? systemClock)();
    for (const node of this.form.roots) {
      if (node.type !== 'end') continue;
      changed.push(...this.setComputed(node.name, formatDateTime(wallClock(instant, offset))));
    }
    return changed;
  }

  /** Appends to the form's `audit` log, if it has one (at most MAX_AUDIT_ENTRIES entries are kept). */
  logAudit(entry: AuditEntry): void {
    const audit = this.form.roots.find((n) => n.type === 'audit');
    if (!audit) return;
    const log = Array.isArray(this.engine.root.data[audit.name])
      ? (this.engine.root.data[audit.name] as AuditEntry[])
      : [];
    if (log.length >= MAX_AUDIT_ENTRIES) return;
    this.engine.root.data[audit.name] = [...log, entry];
  }

  /** Whether the form keeps an audit log. */
  get audited(): boolean {
    return this.form.roots.some((n) => n.type === 'audit');
  }

  private setComputed(name: string, value: unknown): string[] {
    const cell = this.engine.cellAt(name);
    if (!cell || !('node' in cell) || !cell.relevant) return [];
    if (!this.engine.store(cell.scope, cell.node, value)) return [];
    this.engine.markDependents(cell);
    this.engine.queueDisplay(cell);
    return this.commit();
  }

  /** The form's instance name (e.g. "Jean Niyonzima — CL03010101"), if it has one. */
  instanceName(): string | undefined {
    if (!this.form.instanceName) return undefined;
    const name = toText(this.engine.ev.evaluate(this.form.instanceName, this.engine.root));
    return name === '' ? undefined : name;
  }

  /** The answer that is the submission's area (`areaField`), if the form names one. */
  area(): string | undefined {
    const field = this.form.areaField;
    const v = field ? this.engine.root.data[field.name] : undefined;
    return typeof v === 'string' ? v : undefined;
  }

  /** Calls `listener` with the changed paths after every change; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private repeatCell(path: string): Cell | undefined {
    const cell = this.engine.cellAt(path);
    return cell && 'node' in cell && cell.node.type === 'repeat' ? cell : undefined;
  }

  private commit(): string[] {
    const changed = this.engine.flush();
    if (changed.length > 0) for (const listener of this.listeners) listener(changed);
    return changed;
  }
}

/** A session over a compiled form. */
export function createFormSession(form: CompiledForm, options: SessionOptions = {}): FormSession {
  return new FormSession(form, options);
}

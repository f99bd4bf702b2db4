import type { FieldError, FormDefinition } from '@kusanya/schemas';
import { compileForm } from './compile.js';
import { ScopeEvaluator, type EvalEnvironment } from './evaluator.js';
import { messageText, type Message } from './messages.js';
import { scopeOwner, type CompiledForm, type CompiledNode } from './model.js';
import { isAnswerable } from './node-state.js';
import {
  answerProblem,
  calculate,
  isEmptyAnswer,
  ownRelevance,
  repeatCountProblem,
  typeProblem,
  type ContextText,
} from './rules.js';
import type { Scope } from './scope.js';

/**
 * `validateAnswers`: the one judgement of a submission's answers, run by the device before
 * finalising and by the server on every push (so the server rejects exactly what the device
 * rejects).
 *
 * 1. Copy the known answers (unknown fields, answers to notes/groups and malformed repeat
 *    entries are errors and are left out; empty answers are dropped).
 * 2. In dependency order: relevance (inherited from groups and repeats), clearing answers of
 *    non-relevant questions (they are not validated), recomputing calculates.
 * 3. In document order, for each relevant question: required, type and range, choice
 *    membership (respecting choice filters), constraint; for each relevant repeat: its count.
 *
 * `cleaned` is the copy after step 2. Messages are in `language` (fr, rn or en).
 */

export interface ValidationResult {
  readonly errors: FieldError[];
  readonly cleaned: Record<string, unknown>;
}

/**
 * `today`: the date `today()` stands for, `YYYY-MM-DD` (by default the local date of the running
 * machine); the rest of the environment as the device had it, where known (record id, user, clock).
 */
export type ValidateOptions = EvalEnvironment;

interface VScope extends Scope {
  readonly data: Record<string, unknown>;
  readonly path: string;
  /** Relevance of the cells of this scope, by node id. */
  readonly relevant: Uint8Array;
  readonly kids: VScope[];
  dead: boolean;
}

function isCompiled(form: CompiledForm | FormDefinition): form is CompiledForm {
  return 'order' in form && 'byName' in form;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function copyAnswer(v: unknown): unknown {
  if (Array.isArray(v)) return v.slice();
  if (isRecord(v)) return { ...v };
  return v;
}

export function validateAnswers(
  form: CompiledForm | FormDefinition,
  data: unknown,
  language: string,
  options: ValidateOptions = {},
): ValidationResult {
  const compiled = isCompiled(form) ? form : compileForm(form);
  const errors: FieldError[] = [];
  const t: ContextText = { language, fallback: compiled.defaultLanguage };
  const fail = (path: string, message: Message) => errors.push({ path, message: messageText(language, message) });
  if (!isRecord(data)) {
    fail('', { key: 'notObject' });
    return { errors, cleaned: {} };
  }

  const instances = new Map<CompiledNode, VScope[]>();
  const size = compiled.nodes.length;
  const copy = (
    raw: Record<string, unknown>,
    repeat: CompiledNode | null,
    parent: VScope | null,
    index: number,
    path: string,
  ): VScope => {
    const scope: VScope = {
      data: {},
      parent,
      repeat,
      index,
      path,
      relevant: new Uint8Array(size),
      kids: [],
      dead: false,
    };
    const prefix = path === '' ? '' : `${path}.`;
    for (const key of Object.keys(raw)) {
      const node = compiled.byName.get(key);
      const v = raw[key];
      if (!node || scopeOwner(node) !== repeat) {
        fail(prefix + key, { key: 'unknownField' });
      } else if (node.type === 'repeat') {
        if (v === undefined || v === null) continue;
        if (!Array.isArray(v)) {
          fail(prefix + key, { key: 'notList' });
          continue;
        }
        const list: Record<string, unknown>[] = [];
        scope.data[key] = list;
        const all = instances.get(node) ?? [];
        instances.set(node, all);
        v.forEach((item: unknown, i) => {
          const itemPath = `${prefix}${key}[${i}]`;
          if (!isRecord(item)) fail(itemPath, { key: 'notObject' });
          const kid = copy(isRecord(item) ? item : {}, node, scope, i, itemPath);
          list.push(kid.data);
          scope.kids.push(kid);
          all.push(kid);
        });
      } else if (!node.holdsValue) {
        fail(prefix + key, { key: 'noAnswerExpected' });
      } else if (!isEmptyAnswer(v)) {
        scope.data[key] = copyAnswer(v);
      }
    }
    return scope;
  };
  const root = copy(data, null, null, 0, '');
  const ev = new ScopeEvaluator(compiled, options, language);

  const kill = (scope: VScope): void => {
    scope.dead = true;
    for (const kid of scope.kids) kill(kid);
  };

  // Pass 1, dependency order: relevance, clearing, calculations.
  for (const node of compiled.order) {
    const owner = scopeOwner(node);
    const scopes = owner ? (instances.get(owner) ?? []) : [root];
    const parent = node.parent;
    const parentSteps = parent ? node.repeatPath.length - parent.repeatPath.length : 0;
    for (const scope of scopes) {
      if (scope.dead) continue;
      let relevant = true;
      if (parent) relevant = (parentSteps === 0 ? scope : (scope.parent as VScope)).relevant[parent.id] === 1;
      if (relevant && node.relevant) relevant = ownRelevance(node, scope, ev).value;
      if (!relevant) {
        if (node.type === 'repeat') for (const kid of scope.kids) if (kid.repeat === node) kill(kid);
        delete scope.data[node.name];
        continue;
      }
      scope.relevant[node.id] = 1;
      // A value that evaluating again could change (now(), random(), once(), a trigger's) is kept as sent.
      if (node.calculation && !(node.volatile && scope.data[node.name] !== undefined)) {
        const answer = calculate(node, scope, ev).answer;
        if (answer === undefined) delete scope.data[node.name];
        else scope.data[node.name] = answer;
      }
    }
  }

  // Pass 2, document order: the rules of every relevant question and repeat.
  const check = (scope: VScope): void => {
    const prefix = scope.path === '' ? '' : `${scope.path}.`;
    for (const node of compiled.scopeMembers.get(scope.repeat) ?? []) {
      if (scope.relevant[node.id] !== 1) continue;
      if (node.type === 'repeat') {
        const kids = scope.kids.filter((k) => k.repeat === node);
        const wrong = repeatCountProblem(node, kids.length, scope, ev);
        if (wrong) fail(prefix + node.name, wrong);
        for (const kid of kids) check(kid);
      } else if (isAnswerable(node)) {
        const message = answerProblem(node, scope.data[node.name], scope, ev, t);
        if (message !== null) errors.push({ path: prefix + node.name, message });
      } else if (node.holdsValue && !node.calculation && node.type !== 'calculate' && node.type !== 'hidden') {
        // Metadata filled by the device: checked for its type only.
        const raw = scope.data[node.name];
        const wrong = isEmptyAnswer(raw) ? null : typeProblem(node, raw);
        if (wrong) fail(prefix + node.name, wrong);
      }
    }
  };
  check(root);
  return { errors, cleaned: root.data };
}

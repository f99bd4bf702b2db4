import type { FormStore } from './form-store.js';
import { isHidden } from './appearance.js';

/** How far a part of the form is filled: relevant questions answered, and those needing attention. */
export interface Completeness {
  answered: number;
  total: number;
  /** Required and unanswered. */
  missing: number;
  /** Answers that break a rule, and expressions that failed. */
  invalid: number;
}

export const emptyCompleteness = (): Completeness => ({ answered: 0, total: 0, missing: 0, invalid: 0 });

/** Adds the completeness of the node or repeat instance at `path` (and everything inside it) to `into`. */
export function addCompleteness(store: FormStore, path: string, into: Completeness): Completeness {
  const state = store.state(path);
  if (state) {
    if (!state.relevant) return into;
    if (state.expressionError) into.invalid += 1;
    if (state.type === 'group' || state.type === 'repeat') {
      for (const child of store.children(path)) addCompleteness(store, child, into);
      return into;
    }
    if (state.type === 'note' || state.type === 'calculate' || isHidden(state)) return into;
    into.total += 1;
    if (state.value !== undefined) into.answered += 1;
    if (state.missing) into.missing += 1;
    if (state.invalid) into.invalid += 1;
    return into;
  }
  // A repeat instance (`members[2]`): the questions inside it.
  for (const child of store.children(path)) addCompleteness(store, child, into);
  return into;
}

export type CompletenessLevel = 'empty' | 'partial' | 'complete' | 'problem';

export function completenessLevel(c: Completeness): CompletenessLevel {
  if (c.invalid > 0) return 'problem';
  if (c.missing === 0 && (c.answered > 0 || c.total === 0)) return 'complete';
  return c.answered === 0 ? 'empty' : 'partial';
}

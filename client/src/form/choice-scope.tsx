import type { NodeState } from '@kusanya/shared/form/engine';
import { createContext, useContext } from 'react';
import type { AreaScope } from '../capture/area-scope.js';

export interface AreaLimits {
  /** The location answers this user may give (capture/area-scope.ts). */
  readonly scope: AreaScope;
  /** The record revisits a registry household (its place comes from the registry). */
  readonly revisit: boolean;
}

/** null: every choice is offered. */
export const AreaScopeContext = createContext<AreaLimits | null>(null);

/**
 * The question as the person sees it: a location question offers only the user's places, keeping the current
 * answer if it lies elsewhere (a revisit, an older draft), so nothing is changed behind their back. `outside`
 * says that answer is not one of theirs.
 */
export function useScopedState(state: NodeState): { state: NodeState; outside: 'no' | 'answer' | 'revisit' } {
  const limits = useContext(AreaScopeContext);
  const allowed = limits?.scope.get(state.name);
  if (!allowed || !state.choices) return { state, outside: 'no' };
  const elsewhere = typeof state.value === 'string' && state.value !== '' && !allowed.has(state.value);
  const choices = state.choices.filter((c) => allowed.has(c.name) || c.name === state.value);
  return { state: { ...state, choices }, outside: !elsewhere ? 'no' : limits?.revisit ? 'revisit' : 'answer' };
}

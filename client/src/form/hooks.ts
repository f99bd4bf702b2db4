import type { NodeState } from '@kusanya/shared/form/engine';
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { FormStore } from './form-store.js';

export const FormStoreContext = createContext<FormStore | null>(null);

export function useFormStore(): FormStore {
  const store = useContext(FormStoreContext);
  if (!store) throw new Error('useFormStore outside a form');
  return store;
}

/** The state of one node; the component re-renders only when that node's state changes. */
export function useNodeState(path: string): NodeState | undefined {
  const store = useFormStore();
  const subscribe = useCallback((listener: () => void) => store.subscribePath(path, listener), [store, path]);
  return useSyncExternalStore(subscribe, () => store.state(path));
}

/** Re-renders when anything inside the repeat instance `path` changes; returns a version number. */
export function useInstanceVersion(path: string): number {
  const store = useFormStore();
  const subscribe = useCallback((listener: () => void) => store.subscribePath(path, listener), [store, path]);
  return useSyncExternalStore(subscribe, () => store.instanceVersion(path));
}

/** Re-renders on every change of the form (use sparingly: the sections panel, the finish screen). */
export function useFormVersion(): number {
  const store = useFormStore();
  const subscribe = useCallback((listener: () => void) => store.subscribeAll(listener), [store]);
  return useSyncExternalStore(subscribe, () => store.getVersion());
}

/** A DOM id for the question at `path` (`members[2].sex` → `q-members-2--sex`). */
export function questionId(path: string): string {
  return `q-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

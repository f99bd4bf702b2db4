import type { FormSession, NodeState } from '@kusanya/shared/form/engine';

type Listener = () => void;

/**
 * The renderer's view of a {@link FormSession}: components subscribe to the one path they draw
 * (or to a repeat instance, `members[2]`, for everything inside it), and each change notifies only
 * the subscribers of the paths the engine reports as changed. Node states are the engine's own
 * immutable objects, so an unchanged node keeps the same object and React skips it.
 */
export class FormStore {
  private readonly byPath = new Map<string, Set<Listener>>();
  private readonly anyChange = new Set<Listener>();
  private readonly instanceVersions = new Map<string, number>();
  private version = 0;

  constructor(readonly session: FormSession) {
    session.subscribe((changed) => this.dispatch(changed));
  }

  /** Current state of the node at `path` (undefined for an instance path or a path that no longer exists). */
  state(path: string): NodeState | undefined {
    return this.session.getNodeState(path);
  }

  children(path?: string): string[] {
    return this.session.children(path);
  }

  setValue(path: string, value: unknown): void {
    this.session.setValue(path, value);
  }

  addInstance(path: string): number | null {
    const before = this.session.getNodeState(path)?.instanceCount ?? 0;
    this.session.addRepeatInstance(path);
    const after = this.session.getNodeState(path)?.instanceCount ?? 0;
    return after > before ? after - 1 : null;
  }

  removeInstance(path: string, index: number): void {
    this.session.removeRepeatInstance(path, index);
  }

  setLanguage(language: string): void {
    this.session.setLanguage(language);
  }

  /** Subscribes to the node at `path`, or to everything inside the repeat instance `path` (`members[2]`). */
  subscribePath(path: string, listener: Listener): () => void {
    let set = this.byPath.get(path);
    if (!set) this.byPath.set(path, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byPath.delete(path);
    };
  }

  /** Subscribes to every change (saving, the sections' completeness). */
  subscribeAll(listener: Listener): () => void {
    this.anyChange.add(listener);
    return () => this.anyChange.delete(listener);
  }

  /** A number that changes whenever anything inside the repeat instance `path` changed. */
  instanceVersion(path: string): number {
    return this.instanceVersions.get(path) ?? 0;
  }

  /** A number that changes with every change of the form. */
  getVersion(): number {
    return this.version;
  }

  private dispatch(changed: readonly string[]): void {
    this.version += 1;
    const due = new Set<Listener>();
    const touched = new Set<string>();
    for (const path of changed) {
      this.byPath.get(path)?.forEach((l) => due.add(l));
      // Every enclosing repeat instance: `a[1].b[2].c` → `a[1]`, `a[1].b[2]`.
      for (let i = path.indexOf(']'); i !== -1; i = path.indexOf(']', i + 1)) touched.add(path.slice(0, i + 1));
    }
    for (const instance of touched) {
      this.instanceVersions.set(instance, this.version);
      this.byPath.get(instance)?.forEach((l) => due.add(l));
    }
    this.anyChange.forEach((l) => due.add(l));
    for (const listener of due) listener();
  }
}

/**
 * Paths of cells: a node name, preceded by the repeat instances that hold it, with 0-based
 * indexes: `name`, `members[2].sex`, `members[2].visits[0].day`. Groups do not appear (they
 * do not nest the answers). A path ending in `[i]` names a repeat instance.
 */

export interface PathStep {
  readonly repeat: string;
  readonly index: number;
}

export interface ParsedPath {
  /** Repeat instances to enter, outermost first. */
  readonly steps: readonly PathStep[];
  /** The node at the end, or null when the path names a repeat instance (`members[2]`). */
  readonly name: string | null;
}

const STEP = /^(.+?)\[(\d+)\](?:\.|$)/;

/** Parses a path; null when it is malformed. Names may themselves contain dots. */
export function parsePath(path: string): ParsedPath | null {
  const steps: PathStep[] = [];
  let rest = path;
  for (let m = STEP.exec(rest); m; m = STEP.exec(rest)) {
    steps.push({ repeat: m[1]!, index: Number(m[2]) });
    rest = rest.slice(m[0].length);
  }
  if (rest === '') return steps.length > 0 && !path.endsWith('.') ? { steps, name: null } : null;
  if (/[[\]]/.test(rest)) return null;
  return { steps, name: rest };
}

export function joinPath(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

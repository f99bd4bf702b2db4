import type { NodeTest } from '../expr/ast.js';
import { parseDate, single, type Value, type XNode, type XNodeSet } from '../expr/values.js';
import type { BoundRef, CompiledNode } from './model.js';

/**
 * A scope is where cells live: the top level of the answers, or one instance of a repeat.
 * `data` is the answers object of that level (the very object stored in the submission data),
 * so reading a value is a property lookup and reading into repeats walks the data arrays.
 */
export interface Scope {
  readonly data: Record<string, unknown>;
  readonly parent: Scope | null;
  /** The repeat this scope is an instance of (null: top level). */
  readonly repeat: CompiledNode | null;
  /** 0-based index among the instances of the repeat. */
  index: number;
}

type Point = { lat?: unknown; lon?: unknown; altitude?: unknown; accuracy?: unknown };

/** ODK's geopoint text: "lat lon altitude accuracy". */
function pointText(g: Point): string | null {
  if (typeof g.lat !== 'number' || typeof g.lon !== 'number') return null;
  return `${g.lat} ${g.lon} ${typeof g.altitude === 'number' ? g.altitude : 0} ${typeof g.accuracy === 'number' ? g.accuracy : 0}`;
}

/** An answer as the expression language sees it (see `values.ts` in `expr`). */
export function answerToValue(node: CompiledNode, raw: unknown): Value {
  if (raw === undefined || raw === null) return '';
  switch (typeof raw) {
    case 'string':
      if (node.type === 'date') return parseDate(raw) ?? raw;
      return raw;
    case 'number':
    case 'boolean':
      return raw;
    case 'object': {
      if (Array.isArray(raw)) {
        if (node.type === 'geotrace' || node.type === 'geoshape') {
          // ODK's geotrace/geoshape text: points separated by ';'.
          return raw
            .map((p) => (typeof p === 'object' && p !== null ? pointText(p as Point) : null))
            .filter((t): t is string => t !== null)
            .join(';');
        }
        return raw.filter((x): x is string => typeof x === 'string');
      }
      if (node.type === 'geopoint' || node.type === 'start-geopoint' || node.type === 'background-geopoint') {
        return pointText(raw as Point) ?? '';
      }
      // A file answer (photo, signature, recording) reads as its file name, as in ODK.
      const file = raw as { name?: unknown };
      return typeof file.name === 'string' ? file.name : '';
    }
    default:
      return '';
  }
}

/** The scope `steps` levels up. */
export function ancestor(scope: Scope, steps: number): Scope {
  let s = scope;
  for (let i = 0; i < steps; i++) s = s.parent ?? s;
  return s;
}

/** Instance objects of `repeat` inside a data object (ignores anything that is not an object). */
export function instancesIn(data: Record<string, unknown>, repeat: CompiledNode): Record<string, unknown>[] {
  const arr = data[repeat.name];
  if (!Array.isArray(arr)) return [];
  return arr.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x));
}

/** Reads `${name}` from `scope` (one value, or a node-set for references into repeats). */
export function readRef(ref: BoundRef, scope: Scope): Value {
  const base = ancestor(scope, ref.up);
  if (!ref.nodeSet) return answerToValue(ref.target, base.data[ref.target.name]);
  const values: Value[] = [];
  const target = ref.target;
  const isRepeat = target.type === 'repeat';
  const collect = (data: Record<string, unknown>, depth: number): void => {
    if (depth === ref.down.length) {
      values.push(isRepeat ? '' : answerToValue(target, data[target.name]));
      return;
    }
    const arr = data[ref.down[depth]!.name];
    if (!Array.isArray(arr)) return;
    for (const item of arr) {
      if (typeof item === 'object' && item !== null && !Array.isArray(item))
        collect(item as Record<string, unknown>, depth + 1);
    }
  };
  collect(base.data, 0);
  return { kind: 'nodeset', values };
}

/** `members[2].sex`: the path of a node's cell in a scope (0-based instance indexes). */
export function cellPath(scope: Scope, name: string): string {
  const prefix = scopePath(scope);
  return prefix === '' ? name : `${prefix}.${name}`;
}

/** `members[2]` for an instance scope, `''` for the top level. */
export function scopePath(scope: Scope): string {
  if (!scope.parent || !scope.repeat) return '';
  const parent = scopePath(scope.parent);
  const own = `${scope.repeat.name}[${scope.index}]`;
  return parent === '' ? own : `${parent}.${own}`;
}

/**
 * A node of the record for paths walked at run time (with predicates, `*`): a question or group in a
 * scope, a repeat instance, or the record's root (`node` null). Groups do not nest the answers, so a
 * group's children live in the group's own scope.
 */
export class PrimaryNode implements XNode {
  constructor(
    readonly node: CompiledNode | null,
    readonly scope: Scope,
    private readonly roots: readonly CompiledNode[],
  ) {}

  get name(): string {
    return this.node?.sourceName ?? 'data';
  }

  value(): Exclude<Value, XNodeSet> {
    const n = this.node;
    if (!n || !n.holdsValue) return '';
    return single(answerToValue(n, this.scope.data[n.name]));
  }

  children(test: NodeTest): readonly XNode[] {
    if (test.kind === 'text') return [];
    const kids = this.node ? this.node.children : this.roots;
    const out: XNode[] = [];
    for (const kid of kids) {
      if (test.kind === 'name' && kid.sourceName !== test.name) continue;
      if (kid.type === 'repeat') {
        instancesIn(this.scope.data, kid).forEach((data, index) =>
          out.push(new PrimaryNode(kid, { data, parent: this.scope, repeat: kid, index }, this.roots)),
        );
      } else out.push(new PrimaryNode(kid, this.scope, this.roots));
    }
    return out;
  }

  parent(): XNode | null {
    const n = this.node;
    if (!n) return null;
    const scope = n.type === 'repeat' ? (this.scope.parent ?? this.scope) : this.scope;
    return new PrimaryNode(n.parent, n.parent === null ? rootOf(scope) : scope, this.roots);
  }

  attribute(): string | undefined {
    return undefined;
  }

  position(): number {
    return this.node?.type === 'repeat' ? this.scope.index + 1 : 1;
  }
}

export function rootOf(scope: Scope): Scope {
  let s = scope;
  while (s.parent) s = s.parent;
  return s;
}

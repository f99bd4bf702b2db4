import type { User } from '@kusanya/schemas';

export interface LocationNode {
  code: string;
  parent: string | null;
  level: string;
  /** What people call it ("Mubuga"); absent in trees built for scope checks only. */
  name?: string;
}

/**
 * The location tree, for scope checks: is an area inside one of a user's assigned areas?
 * Built from the locations table; immutable (a new tree is built when locations change).
 */
export class LocationTree {
  private readonly byCode: ReadonlyMap<string, LocationNode>;

  constructor(nodes: Iterable<LocationNode>) {
    this.byCode = new Map([...nodes].map((n) => [n.code, n]));
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  level(code: string): string | undefined {
    return this.byCode.get(code)?.level;
  }

  /** The place's name, or its code when the tree does not know one. */
  name(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }

  /** The top of the hierarchy (the country), or null when no location is loaded. */
  root(): string | null {
    for (const node of this.byCode.values()) if (node.level === 'country') return node.code;
    return null;
  }

  /** The code itself and its ancestors up to the country. */
  lineage(code: string): string[] {
    const out: string[] = [];
    let current = this.byCode.get(code);
    while (current && out.length < 16) {
      out.push(current.code);
      current = current.parent ? this.byCode.get(current.parent) : undefined;
    }
    return out;
  }

  /** The ancestor of `code` (or `code` itself) at a level, e.g. the commune of a colline. */
  ancestor(code: string, level: string): string | null {
    return this.lineage(code).find((c) => this.byCode.get(c)?.level === level) ?? null;
  }

  /** Codes at `level` (e.g. every colline) within one of `areas`. */
  within(areas: readonly string[], level: string): string[] {
    return [...this.byCode.values()]
      .filter((n) => n.level === level && this.isWithin(n.code, areas))
      .map((n) => n.code);
  }

  /** Every colline that is one of `areas` or lies below one of them. */
  collinesWithin(areas: readonly string[]): string[] {
    return this.within(areas, 'colline');
  }

  /** True when `code` is one of `areas` or lies below one of them. */
  isWithin(code: string, areas: readonly string[]): boolean {
    if (areas.length === 0) return false;
    const wanted = new Set(areas);
    return this.lineage(code).some((c) => wanted.has(c));
  }
}

/** Whether a user may push a submission captured in `area` (DESIGN.md §3 rule 6). */
export function mayCaptureIn(tree: LocationTree, user: Pick<User, 'areas'>, area: string): boolean {
  return tree.level(area) === 'colline' && tree.isWithin(area, user.areas);
}

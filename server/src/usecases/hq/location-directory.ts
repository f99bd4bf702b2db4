import type { LocationRecord, LocationsRepository } from '../../repositories/locations.js';

/** Names, levels and children of locations, for screens that show places by name and cascade filters. */
export class LocationDirectory {
  private readonly byCode: ReadonlyMap<string, LocationRecord>;
  private readonly childrenOf: ReadonlyMap<string | null, LocationRecord[]>;

  constructor(records: readonly LocationRecord[]) {
    this.byCode = new Map(records.map((r) => [r.code, r]));
    const children = new Map<string | null, LocationRecord[]>();
    for (const r of records) {
      const list = children.get(r.parentCode) ?? [];
      list.push(r);
      children.set(r.parentCode, list);
    }
    for (const list of children.values())
      list.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.code.localeCompare(b.code));
    this.childrenOf = children;
  }

  get(code: string): LocationRecord | undefined {
    return this.byCode.get(code);
  }

  name(code: string | null | undefined): string | null {
    return code ? (this.byCode.get(code)?.name ?? null) : null;
  }

  /** Children of a location; the roots (countries) when `parent` is null. */
  children(parent: string | null): readonly LocationRecord[] {
    return this.childrenOf.get(parent) ?? [];
  }
}

/** A directory rebuilt whenever any process changed the locations (same rule as the location tree). */
export function locationDirectoryCache(locations: LocationsRepository): () => LocationDirectory {
  let cached: { version: number; directory: LocationDirectory } | null = null;
  return () => {
    const version = locations.version();
    if (!cached || cached.version !== version) cached = { version, directory: new LocationDirectory(locations.list()) };
    return cached.directory;
  };
}

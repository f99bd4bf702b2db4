import type { User } from '@kusanya/schemas';
import type { Manager } from '../domain/admin-scope.js';
import type { LocationTree } from '../domain/scope.js';
import type { LocationsRepository } from '../repositories/locations.js';
import { AppError } from '../errors.js';
import { importLocations, planLocationsImport, type Level } from './locations-admin.js';
import { parseLocationsCsv } from './locations-import.js';

/** What the area use cases need: the stored hierarchy and its tree. */
export interface AreaDeps {
  locations: LocationsRepository;
  locationTree: () => LocationTree;
}

export type AreaUseCases = ReturnType<typeof areaUseCases>;

/** The location hierarchy as the routes use it: a user's own places, the admin list and the CSV import. */
export function areaUseCases(deps: AreaDeps) {
  const scopeOf = (manager: Manager) => (manager ? { tree: deps.locationTree(), manager } : undefined);
  return {
    /** The places a user works in, their ancestors (to draw the path) and everything below them. */
    mine(user: User) {
      const tree = deps.locationTree();
      const ancestors = new Set(user.areas.flatMap((a) => tree.lineage(a)));
      return deps.locations.list().filter((l) => ancestors.has(l.code) || tree.isWithin(l.code, user.areas));
    },
    /** Every place, or those of one level and/or under one parent. */
    list: ({ level, parent }: { level?: Level; parent?: string }) =>
      deps.locations.list().filter((a) => (!level || a.level === level) && (!parent || a.parentCode === parent)),
    /** What importing the CSV would do (nothing written); an administrator's rows must lie in their areas. */
    preview: (csv: string, manager: Manager) => planLocationsImport(deps.locations, csv, scopeOf(manager)).report,
    /** Imports the CSV in one transaction (the caller's audit entry joins it); the shell (`null`) imports anywhere. */
    import: (csv: string, manager: Manager) => importLocations(deps.locations, csv, scopeOf(manager)),
    /** Loads a SAMPLE hierarchy (marked as such) into a database that has no places yet (the demo seed). */
    insertSample(csv: string) {
      if (deps.locations.list().length > 0) return;
      const parsed = parseLocationsCsv(csv, () => undefined, { isSample: true });
      if (!parsed.ok) throw new AppError('internal', 'The sample location file is invalid.', parsed.problems);
      deps.locations.insertMany(parsed.locations);
    },
  };
}

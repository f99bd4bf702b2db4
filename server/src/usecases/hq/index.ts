import type { RegistrySearchQuery, User } from '@kusanya/schemas';
import { AppError } from '../../errors.js';
import { householdPage, type HouseholdPageDeps } from './household-page.js';
import { searchRegistry, type RegistrySearchDeps } from './registry-search.js';

export type RegistryUseCases = ReturnType<typeof registryUseCases>;

/** The registry browser and the lists of its filters (forms' labels, places), as the routes call them. */
export function registryUseCases(deps: RegistrySearchDeps & HouseholdPageDeps) {
  return {
    search: (user: User, query: RegistrySearchQuery) => searchRegistry(deps, user, query),
    household: (user: User, id: string) => householdPage(deps, user, id),
    /** The labels of a published form version (the latest when none is named), or 404. */
    formLabels(formId: string, version?: string) {
      const labels = version ? deps.labels.of(formId, version) : deps.labels.latest(formId);
      if (!labels) throw new AppError('not-found', `Form "${formId}" is not published.`);
      return labels;
    },
    /** A place and the places just under it (the country's provinces when none is named), or 404. */
    locationChildren(code: string | null) {
      const directory = deps.directory();
      const parent = code ? directory.get(code) : null;
      if (code && !parent) throw new AppError('not-found', `Unknown location ${code}.`);
      return {
        parent: parent
          ? { code: parent.code, name: parent.name, level: parent.level, parentCode: parent.parentCode }
          : null,
        items: directory
          .children(code)
          .map((l) => ({ code: l.code, name: l.name, level: l.level, isSample: l.isSample })),
      };
    },
  };
}

import type { Db } from '../../db/database.js';
import type { LocationTree } from '../../domain/scope.js';
import { grievanceCasesRepository } from '../../repositories/grievance-cases.js';
import type { LocationsRepository } from '../../repositories/locations.js';
import { monitoringRepository } from '../../repositories/monitoring.js';
import { registryReadsRepository } from '../../repositories/registry-reads.js';
import { registrySearchRepository } from '../../repositories/registry-search.js';
import type { CompiledForms } from '../compiled-forms.js';
import { ExportProgress } from '../exports/progress.js';
import { FormLabelsCache } from './form-labels.js';
import { locationDirectoryCache } from './location-directory.js';

/** The repositories and per-app state of HQ's screens (registry browser, grievance cases, dashboards, exports). */
export function createHqContext(
  db: Db,
  deps: { locations: LocationsRepository; locationTree: () => LocationTree; compiledForms: CompiledForms },
) {
  const registryReads = registryReadsRepository(db);
  return {
    registrySearch: registrySearchRepository(db),
    registryReads,
    grievanceCases: grievanceCasesRepository(db),
    monitoring: monitoringRepository(db),
    locationDirectory: locationDirectoryCache(deps.locations),
    formLabels: new FormLabelsCache((formId) => registryReads.latestFormVersion(formId), deps.compiledForms),
    exportProgress: new ExportProgress(),
  };
}

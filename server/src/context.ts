import type { AppConfig } from './config.js';
import type { Db } from './db/database.js';
import { LocationTree } from './domain/scope.js';
import { formsRepository } from './repositories/forms.js';
import { grievancesRepository } from './repositories/grievances.js';
import { registryRepository } from './repositories/registry.js';
import { reviewRepository } from './repositories/review.js';
import { locationsRepository } from './repositories/locations.js';
import { sessionsRepository } from './repositories/sessions.js';
import { submissionsRepository } from './repositories/submissions.js';
import { usersRepository } from './repositories/users.js';
import { authService } from './services/auth.js';
import { CompiledForms } from './services/compiled-forms.js';
import { createIntake } from './services/intake.js';
import type { HouseholdDocSink } from './services/registry/household-doc.js';
import { memoryAuditSink, type AuditSink } from './services/exports/audit.js';
import { createHqContext } from './services/hq/context.js';

/** Everything a request handler may use, built once per app instance (no module-level state). */
export function createContext(db: Db, config: AppConfig) {
  const users = usersRepository(db);
  const sessions = sessionsRepository(db);
  const locations = locationsRepository(db);
  const forms = formsRepository(db);
  const submissions = submissionsRepository(db);
  const compiledForms = new CompiledForms(forms);
  const registry = registryRepository(db);
  const review = reviewRepository(db);
  const grievances = grievancesRepository(db);
  // Devices pull approved households from a projection; until the households pull lands, approvals have
  // nowhere to publish them (the registry itself is complete and is the source the projection is rebuilt from).
  const householdDocs: HouseholdDocSink = { upsert: () => undefined };

  // Exports are written to the audit log through this sink. Interim: an in-memory list (plus the server log,
  // see routes/exports.ts) until the security branch's audit log lands; at merge, pass the real log here.
  const exportAudit: AuditSink = memoryAuditSink();

  let tree: { version: number; tree: LocationTree } | null = null;
  /** The location tree, rebuilt when any process changed the locations. */
  const locationTree = () => {
    const version = locations.version();
    if (!tree || tree.version !== version) tree = { version, tree: new LocationTree(locations.nodes()) };
    return tree.tree;
  };

  return {
    db,
    config,
    users,
    sessions,
    locations,
    forms,
    submissions,
    locationTree,
    auth: authService({ users, sessions, tokenTtlHours: config.tokenTtlHours }),
    compiledForms,
    registry,
    review,
    grievances,
    householdDocs,
    processSubmission: createIntake({ forms: compiledForms, registry, review, grievances, locations: locationTree }),
    ...createHqContext(db, { locations, locationTree, compiledForms }),
    exportAudit,
  };
}

export type AppContext = ReturnType<typeof createContext>;

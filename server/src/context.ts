import type { AppConfig } from './config.js';
import type { Db } from './db/database.js';
import { LocationTree } from './domain/scope.js';
import { deviceImportsRepository } from './repositories/device-imports.js';
import { formsRepository } from './repositories/forms.js';
import { householdDocsRepository } from './repositories/household-docs.js';
import { locationsRepository } from './repositories/locations.js';
import { sessionsRepository } from './repositories/sessions.js';
import { submissionsRepository } from './repositories/submissions.js';
import { usersRepository } from './repositories/users.js';
import { authService } from './services/auth.js';
import { formCheckingProcessor } from './sync/submission-processor.js';

/** Everything a request handler may use, built once per app instance (no module-level state). */
export function createContext(db: Db, config: AppConfig) {
  const users = usersRepository(db);
  const sessions = sessionsRepository(db);
  const locations = locationsRepository(db);
  const forms = formsRepository(db);
  const submissions = submissionsRepository(db);
  const households = householdDocsRepository(db);
  const deviceImports = deviceImportsRepository(db);

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
    households,
    deviceImports,
    locationTree,
    auth: authService({ users, sessions, tokenTtlHours: config.tokenTtlHours }),
    processSubmission: formCheckingProcessor(forms),
  };
}

export type AppContext = ReturnType<typeof createContext>;

import type { AppContext } from '../../context.js';
import type { KoboImportDeps } from './import.js';

/** What a Kobo import needs, taken from the app context (the server's and the CLI's). */
export const koboImportDeps = (ctx: AppContext): KoboImportDeps => ({
  db: ctx.db,
  forms: ctx.forms,
  compiledForms: ctx.compiledForms,
  submissions: ctx.submissions,
  users: ctx.users,
  process: ctx.processSubmission,
  locations: ctx.locationTree,
  kobo: ctx.kobo,
  review: ctx.review,
  registry: ctx.registry,
  koboLocations: () => ctx.koboAssets.locations(),
  media: ctx.media,
});

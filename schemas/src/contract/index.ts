/**
 * The API contract: every route of the server, declared once (see define.ts). The server registers exactly
 * these (a test compares its route list with `apiRoutes`), its OpenAPI document comes from them, and the
 * types of each route's inputs and outputs are derived from them (types.ts).
 */
import type { RouteContract } from './define.js';
import * as adminApiTokens from './admin-api-tokens.js';
import * as adminAreas from './admin-areas.js';
import * as adminAudit from './admin-audit.js';
import * as adminBackups from './admin-backups.js';
import * as adminDevices from './admin-devices.js';
import * as adminFormImport from './admin-form-import.js';
import * as adminForms from './admin-forms.js';
import * as adminPairing from './admin-pairing.js';
import * as adminUsers from './admin-users.js';
import * as areas from './areas.js';
import * as auth from './auth.js';
import * as dashboards from './dashboards.js';
import * as deviceExports from './device-exports.js';
import * as dataExports from './exports.js';
import * as grievances from './grievances.js';
import * as formMedia from './form-media.js';
import * as health from './health.js';
import * as media from './media.js';
import * as koboApi from './kobo-api.js';
import * as registry from './registry.js';
import * as review from './review.js';
import * as sync from './sync.js';

export * from './limits.js';
export { EXPORT_DATASETS } from './exports.js';
export { MEDIA_UPLOADS_PATH } from './media.js';
export type { ContractSchema, HttpMethod, RouteContract } from './define.js';
export type { RouteTypes, Static } from './types.js';

/** The routes by module, as the server's route plugins use them. */
export const apiContract = {
  adminApiTokens,
  adminAreas,
  adminAudit,
  adminBackups,
  adminDevices,
  adminFormImport,
  adminForms,
  adminPairing,
  adminUsers,
  areas,
  auth,
  dashboards,
  deviceExports,
  dataExports,
  grievances,
  formMedia,
  health,
  koboApi,
  media,
  registry,
  review,
  sync,
};

const isRoute = (value: unknown): value is RouteContract =>
  typeof value === 'object' && value !== null && 'method' in value && 'url' in value && 'response' in value;

/** Every route of the API. */
export const apiRoutes: readonly RouteContract[] = Object.values(apiContract).flatMap((module) =>
  Object.values(module).filter(isRoute),
);

import * as contract from '@kusanya/schemas/contract/admin-areas';
import { route } from '../../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import { audited } from '../../plugins/audit.js';
import { caller } from '../../plugins/auth.js';
import { decodeUtf8 } from '../../plugins/json-body.js';
import type { AreaUseCases } from '../../usecases/areas.js';
import { ADMIN } from './common.js';

/** Largest location CSV accepted (the full 2025 hierarchy is ~3,500 rows, well under 1 MB). */
export const AREA_CSV_LIMIT = 16 * 1024 * 1024;

/** Areas (the location hierarchy): list, and import from CSV with a preview listing every problem. */
export async function adminAreaRoutes(app: FastifyInstance, { areas }: { areas: AreaUseCases }) {
  // CSV bodies only on these routes (encapsulated): strict UTF-8, their own size limit.
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: AREA_CSV_LIMIT },
    (_request, body, done) => {
      try {
        done(null, decodeUtf8(body as Buffer));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );

  route(app, contract.getAdminAreas, { config: ADMIN }, async (request) => {
    return { areas: areas.list(request.query) };
  });

  route(
    app,
    contract.postAdminAreasImportPreview,
    { bodyLimit: AREA_CSV_LIMIT, config: { ...ADMIN, audit: 'areas.preview' } },
    async (request) => {
      const report = areas.preview(request.body, caller(request).user);
      audited(request, (scope) => scope.note({ details: { rows: report.rows, problems: report.problems.length } }));
      return report;
    },
  );

  route(
    app,
    contract.postAdminAreasImport,
    { bodyLimit: AREA_CSV_LIMIT, config: { ...ADMIN, audit: 'areas.import' } },
    async (request) => {
      return audited(request, (scope) => {
        const report = areas.import(request.body, caller(request).user);
        scope.note({ details: { rows: report.rows, created: report.create, updated: report.update } });
        return report;
      });
    },
  );
}

import * as contract from '@kusanya/schemas/contract/admin-form-import';
import { route } from '../../plugins/contract.js';
import { type FormImportResponse } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { audited } from '../../plugins/audit.js';
import { caller } from '../../plugins/auth.js';
import { importFormWorkbook } from '../../usecases/form-import.js';
import { publishForm } from '../../usecases/forms.js';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Workbooks are small (the household survey is ~60 KB); 10 MB leaves room for big choice lists. */
export const FORM_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** Admin: import (check, publish) an XLSForm workbook. */
export async function adminFormImportRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  // Scoped to this plugin: only these routes read binary bodies.
  app.addContentTypeParser(
    [XLSX_MEDIA_TYPE, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: FORM_UPLOAD_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.addContentTypeParser('*', (_request, _payload, done) =>
    done(
      new AppError(
        'unsupported-media-type',
        `Send the .xlsx file itself as the request body, with Content-Type ${XLSX_MEDIA_TYPE}.`,
      ),
    ),
  );

  route(
    app,
    contract.postAdminFormsImport,
    { bodyLimit: FORM_UPLOAD_MAX_BYTES, config: { roles: ['admin'], audit: 'form.import' } },
    async (request): Promise<FormImportResponse> => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError(
          'unsupported-media-type',
          `Send the .xlsx file itself as the request body, with Content-Type ${XLSX_MEDIA_TYPE}.`,
        );
      }
      if (body.length === 0) throw new AppError('bad-request', 'The upload is empty: choose an .xlsx file.');
      const publish = request.query.publish ?? false;
      const report = await importFormWorkbook(ctx.forms, body, { publish: false });
      const { formId, version, title } = report.definition;
      // Publishing and its audit entry commit together.
      const outcome = audited(request, (scope) => {
        const published = publish ? publishForm(ctx.forms, report.definition) : 'checked';
        scope.note({ target: `${formId}@${version}`, details: { outcome: published } });
        return published;
      });
      request.log.info({ formId, version, outcome, by: caller(request).user.username }, 'form import');
      return { formId, version, outcome, title: { ...title }, warnings: [...report.warnings] };
    },
  );
}

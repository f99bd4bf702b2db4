import * as contract from '@kusanya/schemas/contract/admin-forms';
import { route } from '../../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import { audited, noteAudit } from '../../plugins/audit.js';
import type { FormUseCases } from '../../usecases/form-admin.js';
import { ADMIN } from './common.js';

/** Form definitions can be large (long choice lists such as every colline). */
export const FORM_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Forms: every version with its status and use, publishing a JSON definition, retiring a version.
 * The XLSForm upload (`POST /api/admin/forms/import`) is in `form-import.ts`.
 */
export async function adminFormRoutes(app: FastifyInstance, { forms }: { forms: FormUseCases }) {
  route(app, contract.getAdminForms, { config: ADMIN }, async () => ({ forms: forms.list() }));

  route(
    app,
    contract.postAdminForms,
    { bodyLimit: FORM_BODY_LIMIT, config: { ...ADMIN, audit: 'form.publish' } },
    async (request, reply) => {
      const { formId, version } = request.body;
      noteAudit(request, { target: `${formId}@${version}` });
      const outcome = audited(request, (scope) => {
        const published = forms.publish(request.body);
        scope.note({ details: { outcome: published } });
        return published;
      });
      return reply.status(outcome === 'published' ? 201 : 200).send({ formId, version, outcome });
    },
  );

  route(
    app,
    contract.postAdminFormsByFormIdByVersionRetire,
    { config: { ...ADMIN, audit: 'form.retire' } },
    async (request) => {
      const { formId, version } = request.params;
      noteAudit(request, { target: `${formId}@${version}` });
      return { formId, version, outcome: audited(request, () => forms.retire(formId, version)) };
    },
  );
}

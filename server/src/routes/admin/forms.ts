import * as contract from '@kusanya/schemas/contract/admin-forms';
import { route } from '../../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { audited, noteAudit } from '../../plugins/audit.js';
import { publishForm, retireForm } from '../../usecases/forms.js';
import { ADMIN } from './common.js';

/** Form definitions can be large (long choice lists such as every colline). */
export const FORM_BODY_LIMIT = 4 * 1024 * 1024;

type FieldNode = { children?: FieldNode[] };
const countQuestions = (nodes: FieldNode[]): number =>
  nodes.reduce((n, f) => n + 1 + countQuestions(f.children ?? []), 0);

/**
 * Forms: every version with its status and use, publishing a JSON definition, retiring a version.
 * The XLSForm upload (`POST /api/admin/forms/import`, an .xlsx body) is added by the forms branch; the admin
 * screen already offers it and reports a missing route plainly.
 */
export async function adminFormRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  route(app, contract.getAdminForms, { config: ADMIN }, async () => {
    const used = ctx.forms.submissionCounts();
    return {
      forms: ctx.forms.listAll().map((f) => ({
        formId: f.formId,
        version: f.version,
        status: f.status,
        publishedAt: f.publishedAt,
        title: f.definition.title,
        questions: countQuestions(f.definition.fields as FieldNode[]),
        submissions: used.get(`${f.formId}@${f.version}`) ?? 0,
      })),
    };
  });

  route(
    app,
    contract.postAdminForms,
    { bodyLimit: FORM_BODY_LIMIT, config: { ...ADMIN, audit: 'form.publish' } },
    async (request, reply) => {
      const { formId, version } = request.body;
      noteAudit(request, { target: `${formId}@${version}` });
      const outcome = audited(request, (scope) => {
        const published = publishForm(ctx.forms, request.body);
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
      return { formId, version, outcome: audited(request, () => retireForm(ctx.forms, formId, version)) };
    },
  );
}

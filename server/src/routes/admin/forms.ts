import {
  adminFormListSchema,
  formChangeResultSchema,
  formDefinitionSchema,
  type FormDefinition,
} from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { audited, noteAudit } from '../../plugins/audit.js';
import { publishForm, retireForm } from '../../services/forms.js';
import { ADMIN, errors, ref } from './common.js';

/** Form definitions can be large (long choice lists such as every colline). */
export const FORM_BODY_LIMIT = 4 * 1024 * 1024;

type FieldNode = { children?: FieldNode[] };
const countQuestions = (nodes: FieldNode[]): number =>
  nodes.reduce((n, f) => n + 1 + countQuestions(f.children ?? []), 0);

const versionParams = {
  type: 'object',
  additionalProperties: false,
  required: ['formId', 'version'],
  properties: {
    formId: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.\\-]{0,63}$' },
    version: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;

/**
 * Forms: every version with its status and use, publishing a JSON definition, retiring a version.
 * The XLSForm upload (`POST /api/admin/forms/import`, an .xlsx body) is added by the forms branch; the admin
 * screen already offers it and reports a missing route plainly.
 */
export async function adminFormRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get(
    '/api/admin/forms',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary: 'Every form version (published and retired) with how many records used it',
        response: { 200: ref(adminFormListSchema), ...errors(401, 403) },
      },
    },
    async () => {
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
    },
  );

  app.post<{ Body: FormDefinition }>(
    '/api/admin/forms',
    {
      bodyLimit: FORM_BODY_LIMIT,
      config: { ...ADMIN, audit: 'form.publish' },
      schema: {
        tags: ['admin'],
        summary: 'Publish a form version from its JSON definition (versions are immutable)',
        body: ref(formDefinitionSchema),
        response: {
          200: ref(formChangeResultSchema),
          201: ref(formChangeResultSchema),
          ...errors(400, 401, 403, 409, 413),
        },
      },
    },
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

  app.post<{ Params: { formId: string; version: string } }>(
    '/api/admin/forms/:formId/:version/retire',
    {
      config: { ...ADMIN, audit: 'form.retire' },
      schema: {
        tags: ['admin'],
        summary: 'Retire a version: no longer offered for new records, kept for records captured with it',
        params: versionParams,
        response: { 200: ref(formChangeResultSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { formId, version } = request.params;
      noteAudit(request, { target: `${formId}@${version}` });
      return { formId, version, outcome: audited(request, () => retireForm(ctx.forms, formId, version)) };
    },
  );
}

import * as contract from '@kusanya/schemas/contract/admin-form-import';
import { route } from '../../plugins/contract.js';
import { type FormImportResponse } from '@kusanya/schemas';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { audited } from '../../plugins/audit.js';
import { caller } from '../../plugins/auth.js';
import type { FormUseCases } from '../../usecases/form-admin.js';
import type { UploadedMedia } from '../../usecases/form-import.js';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The types a workbook may be sent as; the reader tells `.xls` from `.xlsx` by the content itself. */
export const WORKBOOK_MEDIA_TYPES = [
  XLSX_MEDIA_TYPE,
  'application/vnd.ms-excel',
  'application/vnd.ms-excel.sheet.macroEnabled.12',
  'application/octet-stream',
];
/** Workbooks are small (the household survey is ~60 KB); 10 MB leaves room for big choice lists. */
export const FORM_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** A form media file (a CSV of every colline is ~200 KB; label images and audio are larger). */
export const FORM_MEDIA_MAX_BYTES = 20 * 1024 * 1024;
/** A workbook and all its media in one upload. */
export const FORM_WITH_MEDIA_MAX_BYTES = 64 * 1024 * 1024;
const MAX_MEDIA_FILES = 200;

/** Admin: import (check, publish) an XLSForm workbook. */
export async function adminFormImportRoutes(app: FastifyInstance, { forms }: { forms: FormUseCases }) {
  await app.register(multipart, {
    limits: { fileSize: FORM_MEDIA_MAX_BYTES, files: MAX_MEDIA_FILES + 1, fields: 10, parts: MAX_MEDIA_FILES + 11 },
  });
  // Scoped to this plugin: only these routes read binary bodies.
  app.addContentTypeParser(
    WORKBOOK_MEDIA_TYPES,
    { parseAs: 'buffer', bodyLimit: FORM_UPLOAD_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.addContentTypeParser('*', (_request, _payload, done) =>
    done(
      new AppError(
        'unsupported-media-type',
        `Send the workbook (.xlsx or .xls) itself as the request body, with Content-Type ${XLSX_MEDIA_TYPE}.`,
      ),
    ),
  );

  route(
    app,
    contract.postAdminFormsImport,
    { bodyLimit: FORM_WITH_MEDIA_MAX_BYTES, config: { roles: ['admin'], audit: 'form.import' } },
    async (request): Promise<FormImportResponse> => {
      const upload = request.isMultipart()
        ? await readMultipart(request)
        : rawWorkbook(request.body, request.query.filename);
      if (upload.workbook.length === 0)
        throw new AppError('bad-request', 'The upload is empty: choose an .xlsx or .xls file.');
      const publish = request.query.publish ?? false;
      const report = await forms.importWorkbook(upload.workbook, {
        publish: false,
        requirePublishable: publish,
        media: upload.media,
        ...(upload.fileName ? { fileName: upload.fileName } : {}),
      });
      const { formId, version, title } = report.definition;
      // Publishing and its audit entry commit together.
      const outcome = audited(request, (scope) => {
        const published = publish ? forms.publish(report.definition, report.media) : 'checked';
        scope.note({ target: `${formId}@${version}`, details: { outcome: published } });
        return published;
      });
      request.log.info({ formId, version, outcome, by: caller(request).user.username }, 'form import');
      const checked = outcome === 'checked' ? { definition: report.definition } : {};
      return { formId, version, outcome, title: { ...title }, warnings: [...report.warnings], ...checked };
    },
  );
}

interface Upload {
  readonly workbook: Buffer;
  readonly fileName?: string;
  readonly media: UploadedMedia[];
}

function rawWorkbook(body: unknown, fileName: string | undefined): Upload {
  if (!Buffer.isBuffer(body)) {
    throw new AppError(
      'unsupported-media-type',
      `Send the workbook (.xlsx or .xls) itself as the request body, with Content-Type ${XLSX_MEDIA_TYPE}.`,
    );
  }
  if (body.length > FORM_UPLOAD_MAX_BYTES)
    throw new AppError('payload-too-large', `The workbook is larger than ${FORM_UPLOAD_MAX_BYTES / 1024 / 1024} MB.`);
  return { workbook: body, media: [], ...(fileName ? { fileName } : {}) };
}

/**
 * The workbook and media of a multipart upload; a body that is not readable multipart (a broken boundary, a
 * part cut short, too many parts) is the sender's mistake, answered 400 or 413 with what was wrong.
 */
async function readMultipart(request: FastifyRequest): Promise<Upload> {
  try {
    return await readParts(request);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const status = (error as { statusCode?: unknown }).statusCode;
    const message = (error as Error).message;
    if (status === 413) throw new AppError('payload-too-large', `The upload has too many files or parts: ${message}.`);
    throw new AppError('bad-request', `The upload is not readable as multipart/form-data: ${message}.`);
  }
}

/** The workbook (field `workbook`) and the media files (fields `media`) of a multipart upload. */
async function readParts(request: FastifyRequest): Promise<Upload> {
  let workbook: Buffer | null = null;
  let fileName: string | undefined;
  const media: UploadedMedia[] = [];
  let total = 0;
  for await (const part of request.parts()) {
    if (part.type !== 'file') continue;
    const content = await part.toBuffer();
    if (part.file.truncated) {
      throw new AppError(
        'payload-too-large',
        `The file ${part.filename} is larger than ${FORM_MEDIA_MAX_BYTES / 1024 / 1024} MB.`,
      );
    }
    total += content.length;
    if (total > FORM_WITH_MEDIA_MAX_BYTES) {
      throw new AppError(
        'payload-too-large',
        `The upload is larger than ${FORM_WITH_MEDIA_MAX_BYTES / 1024 / 1024} MB.`,
      );
    }
    if (part.fieldname === 'workbook') {
      if (content.length > FORM_UPLOAD_MAX_BYTES)
        throw new AppError(
          'payload-too-large',
          `The workbook is larger than ${FORM_UPLOAD_MAX_BYTES / 1024 / 1024} MB.`,
        );
      workbook = content;
      fileName = part.filename;
    } else if (part.fieldname === 'media') {
      media.push({ name: part.filename, content });
    } else {
      throw new AppError(
        'bad-request',
        `Unexpected file field '${part.fieldname}': send 'workbook' and 'media' files.`,
      );
    }
  }
  if (!workbook) throw new AppError('bad-request', "The upload has no workbook: send it in the field 'workbook'.");
  return { workbook, media, ...(fileName ? { fileName } : {}) };
}

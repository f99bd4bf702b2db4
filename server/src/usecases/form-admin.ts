import type { FormsRepository } from '../repositories/forms.js';
import { importFormWorkbook } from './form-import.js';
import { publishForm, retireForm, type MediaContent } from './forms.js';

type FieldNode = { children?: FieldNode[] };
const countQuestions = (nodes: FieldNode[]): number =>
  nodes.reduce((n, f) => n + 1 + countQuestions(f.children ?? []), 0);

export type FormUseCases = ReturnType<typeof formUseCases>;

/** Forms as the routes use them: the admin list, publishing, retiring, the XLSForm import and the forms' files. */
export function formUseCases(forms: FormsRepository) {
  return {
    /** Every version with its status, size and how many submissions use it. */
    list() {
      const used = forms.submissionCounts();
      return forms.listAll().map((f) => ({
        formId: f.formId,
        version: f.version,
        status: f.status,
        publishedAt: f.publishedAt,
        title: f.definition.title,
        questions: countQuestions(f.definition.fields as FieldNode[]),
        submissions: used.get(`${f.formId}@${f.version}`) ?? 0,
      }));
    },
    /** Every version without its definition (the shell's list). */
    versions: () => forms.listAll().map(({ definition: _definition, ...version }) => version),
    publish: (definition: unknown, media?: readonly MediaContent[]) => publishForm(forms, definition, media),
    retire: (formId: string, version: string) => retireForm(forms, formId, version),
    importWorkbook: (workbook: Buffer, options: Parameters<typeof importFormWorkbook>[2]) =>
      importFormWorkbook(forms, workbook, options),
    /** The bytes of a file some form version lists (by its SHA-256), or null. */
    listedMedia: (sha256: string) => forms.listedMedia(sha256),
  };
}

import type { FormDefinition, FormMediaFile } from '@kusanya/schemas';
import { DATA_FILE, parseMediaInstance, REGISTRY_DATASETS } from '@kusanya/shared/form/instances';
import { derivedVersion } from '@kusanya/shared/xlsform/convert';
import type { XlsformProblem } from '@kusanya/shared/xlsform/types';
import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import type { FormsRepository } from '../repositories/forms.js';
import { importXlsform } from '../xlsform/import-workbook.js';
import { publishForm, type MediaContent, type PublishOutcome } from './forms.js';

export interface FormImportReport {
  definition: FormDefinition;
  warnings: readonly XlsformProblem[];
  /** null when only checked (not published). */
  outcome: PublishOutcome | null;
  /** The uploaded files' contents by hash, for `publishForm` when the caller publishes itself. */
  media: MediaContent[];
}

/** A form media file uploaded with a workbook. */
export interface UploadedMedia {
  readonly name: string;
  readonly content: Buffer;
}

/** "survey row 12, column relevant: unknown field ${agee}" */
export function describeXlsformProblem(p: XlsformProblem): string {
  const where = [p.sheet, p.row ? `row ${p.row}` : '', p.column ? `column ${p.column}` : ''].filter(Boolean).join(' ');
  return where ? `${where}: ${p.message}` : p.message;
}

const TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv',
  xml: 'application/xml',
  geojson: 'application/geo+json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  amr: 'audio/amr',
  mp4: 'video/mp4',
  webm: 'video/webm',
  '3gp': 'video/3gpp',
};

export function mediaType(name: string): string {
  return TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

const fileProblem = (name: string, message: string): XlsformProblem => ({ sheet: '', row: 0, column: name, message });

/** Checks the uploaded files themselves: names, and data files that must be readable. */
function checkMedia(files: readonly UploadedMedia[]): {
  problems: XlsformProblem[];
  texts: Map<string, string | null>;
} {
  const problems: XlsformProblem[] = [];
  const texts = new Map<string, string | null>();
  for (const file of files) {
    if (texts.has(file.name)) {
      problems.push(fileProblem(file.name, `two files are named '${file.name}'`));
      continue;
    }
    if (file.name === '' || file.name.length > 255 || /[/\\]/.test(file.name) || [...file.name].some((c) => c < ' ')) {
      problems.push(fileProblem(file.name, `'${file.name}' is not a usable file name`));
      continue;
    }
    if (!DATA_FILE.test(file.name)) {
      texts.set(file.name, null);
      continue;
    }
    const text = file.content.toString('utf8');
    try {
      parseMediaInstance(file.name, text);
      texts.set(file.name, text);
    } catch (error) {
      problems.push(
        fileProblem(file.name, `the file cannot be read: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }
  return { problems, texts };
}

/**
 * Imports an XLSForm workbook with its media files: converts it (every problem reported with sheet, row
 * and column — a file's problems with its name as column —, nothing half-imported), attaches the files to
 * the definition (name, type, size, SHA-256) and, when asked, publishes it as a new immutable version with
 * them. Publishing needs every data file the form uses (choice lists, pulldata, search); a missing label
 * image only warns.
 */
export async function importFormWorkbook(
  forms: FormsRepository,
  buffer: Buffer,
  options: {
    publish: boolean;
    /** Checks that it could be published (every data file attached) without publishing it. */
    requirePublishable?: boolean;
    fileName?: string;
    media?: readonly UploadedMedia[];
  },
): Promise<FormImportReport> {
  const files = options.media ?? [];
  const checked = checkMedia(files);
  // pyxform takes the form id from the file name when the settings sheet has none.
  const stem = options.fileName
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.(xlsx|xlsm|xls)$/i, '');
  const result = await importXlsform(buffer, { ...(stem ? { formId: stem } : {}), media: checked.texts });
  if (!result.ok && 'tooLarge' in result) {
    throw new AppError(
      'workbook-too-large',
      `This workbook is too large to be an XLSForm: ${result.tooLarge}. Nothing was imported; remove other sheets or data from the file.`,
    );
  }
  const problems = [...checked.problems, ...(result.ok ? [] : result.problems)];
  if (!result.ok || problems.length > 0) {
    throw new AppError(
      'validation-failed',
      `The XLSForm has ${problems.length} problem(s); nothing was imported.`,
      problems,
    );
  }
  let definition = result.definition;
  const manifest: FormMediaFile[] = files
    .map((f) => ({
      name: f.name,
      type: mediaType(f.name),
      size: f.content.length,
      sha256: createHash('sha256').update(f.content).digest('hex'),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (manifest.length > 0) {
    definition = { ...definition, media: manifest };
    // A version derived from the content covers the files too.
    if (definition.version.startsWith('auto-')) definition = { ...definition, version: derivedVersion(definition) };
  }
  if (options.publish || options.requirePublishable) {
    const needed = (definition.externalInstances ?? []).filter(
      (name) => !files.some((f) => f.name === name) && !REGISTRY_DATASETS.has(name),
    );
    if (needed.length > 0) {
      throw new AppError(
        'validation-failed',
        `The form needs the file(s) ${needed.join(', ')}: attach them with the workbook to publish it.`,
        needed.map((name) => fileProblem(name, `the form media file '${name}' is not attached`)),
      );
    }
  }
  const contents: MediaContent[] = files.map((f, i) => ({
    sha256: manifest.find((m) => m.name === f.name)?.sha256 ?? String(i),
    content: f.content,
  }));
  return {
    definition,
    warnings: result.warnings,
    outcome: options.publish ? publishForm(forms, definition, contents) : null,
    media: contents,
  };
}

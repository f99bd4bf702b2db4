import type { FormDefinition } from '@kusanya/schemas';
import type { XlsformProblem } from '@kusanya/shared/xlsform/types';
import { AppError } from '../errors.js';
import type { FormsRepository } from '../repositories/forms.js';
import { importXlsform } from '../xlsform/import-workbook.js';
import { publishForm, type PublishOutcome } from './forms.js';

export interface FormImportReport {
  definition: FormDefinition;
  warnings: readonly XlsformProblem[];
  /** null when only checked (not published). */
  outcome: PublishOutcome | null;
}

/** "survey row 12, column relevant: unknown field ${agee}" */
export function describeXlsformProblem(p: XlsformProblem): string {
  const where = [p.sheet, p.row ? `row ${p.row}` : '', p.column ? `column ${p.column}` : ''].filter(Boolean).join(' ');
  return where ? `${where}: ${p.message}` : p.message;
}

/**
 * Imports an XLSForm workbook: converts it (every problem reported with sheet, row and column, nothing
 * half-imported) and, when asked, publishes it as a new immutable version.
 */
export async function importFormWorkbook(
  forms: FormsRepository,
  buffer: Buffer,
  options: { publish: boolean; fileName?: string },
): Promise<FormImportReport> {
  // pyxform takes the form id from the file name when the settings sheet has none.
  const stem = options.fileName
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.(xlsx|xlsm|xls)$/i, '');
  const result = await importXlsform(buffer, stem ? { formId: stem } : {});
  if (!result.ok && 'tooLarge' in result) {
    throw new AppError(
      'workbook-too-large',
      `This workbook is too large to be an XLSForm: ${result.tooLarge}. Nothing was imported; remove other sheets or data from the file.`,
    );
  }
  if (!result.ok) {
    throw new AppError(
      'validation-failed',
      `The XLSForm has ${result.problems.length} problem(s); nothing was imported.`,
      [...result.problems],
    );
  }
  return {
    definition: result.definition,
    warnings: result.warnings,
    outcome: options.publish ? publishForm(forms, result.definition) : null,
  };
}
